using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wekeza.Banking.CoreBanking.Migrations
{
    /// <inheritdoc />
    public partial class Sandbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SettlementDueAt",
                table: "payments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SandboxClientId",
                table: "ledger_entries",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Sandbox",
                table: "customers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Every customer a bank database holds so far came from the sandbox seed.
            migrationBuilder.Sql("UPDATE customers SET \"Sandbox\" = true;");

            migrationBuilder.CreateTable(
                name: "sandbox_clocks",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Offset = table.Column<TimeSpan>(type: "interval", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sandbox_clocks", x => x.ClientId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_payments_SettlementDueAt",
                table: "payments",
                column: "SettlementDueAt",
                filter: "\"SettlementDueAt\" IS NOT NULL AND \"Status\" = 'AcceptedSettlementInProcess'");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_SandboxClientId",
                table: "ledger_entries",
                column: "SandboxClientId",
                filter: "\"SandboxClientId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sandbox_clocks");

            migrationBuilder.DropIndex(
                name: "IX_payments_SettlementDueAt",
                table: "payments");

            migrationBuilder.DropIndex(
                name: "IX_ledger_entries_SandboxClientId",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "SettlementDueAt",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "SandboxClientId",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "Sandbox",
                table: "customers");
        }
    }
}
