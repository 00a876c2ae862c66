using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Wekeza.Banking.CoreBanking.Migrations
{
    /// <inheritdoc />
    public partial class Usage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_calls",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Route = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    DurationMs = table.Column<double>(type: "double precision", nullable: false),
                    OccurredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RolledUp = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_calls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "api_usage_minutes",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Method = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Route = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Minute = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Calls = table.Column<long>(type: "bigint", nullable: false),
                    TotalDurationMs = table.Column<double>(type: "double precision", nullable: false),
                    MaxDurationMs = table.Column<double>(type: "double precision", nullable: false),
                    Buckets = table.Column<long[]>(type: "bigint[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_usage_minutes", x => new { x.ClientId, x.Minute, x.Method, x.Route, x.Status });
                });

            migrationBuilder.CreateIndex(
                name: "IX_api_calls_OccurredAt",
                table: "api_calls",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "ix_api_calls_pending",
                table: "api_calls",
                column: "Id",
                filter: "NOT \"RolledUp\"");

            migrationBuilder.CreateIndex(
                name: "IX_api_usage_minutes_Minute",
                table: "api_usage_minutes",
                column: "Minute");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_calls");

            migrationBuilder.DropTable(
                name: "api_usage_minutes");
        }
    }
}
