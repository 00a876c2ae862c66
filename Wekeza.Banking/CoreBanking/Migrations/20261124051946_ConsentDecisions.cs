using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wekeza.Banking.CoreBanking.Migrations
{
    /// <inheritdoc />
    public partial class ConsentDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AppName",
                table: "consents",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AuthorizationId",
                table: "consents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AppName",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "AuthorizationId",
                table: "consents");
        }
    }
}
