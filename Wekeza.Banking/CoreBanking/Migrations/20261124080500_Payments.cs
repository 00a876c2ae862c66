using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Wekeza.Banking.CoreBanking.Migrations
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreditorIdentification",
                table: "consents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditorName",
                table: "consents",
                type: "character varying(70)",
                maxLength: 70,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CreditorScheme",
                table: "consents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "consents",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "account-access");

            migrationBuilder.AddColumn<decimal>(
                name: "PaymentAmount",
                table: "consents",
                type: "numeric(19,4)",
                precision: 19,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentCurrency",
                table: "consents",
                type: "character(3)",
                fixedLength: true,
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentReference",
                table: "consents",
                type: "character varying(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestedDebtorAccountId",
                table: "consents",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "OverdraftLimit",
                table: "accounts",
                type: "numeric(19,4)",
                precision: 19,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.CreateTable(
                name: "idempotency_keys",
                columns: table => new
                {
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Operation = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ResponseStatus = table.Column<int>(type: "integer", nullable: false),
                    ResponseBody = table.Column<string>(type: "text", nullable: false),
                    ResourceId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_keys", x => new { x.ClientId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "payments",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ClientId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ConsentId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CustomerSubject = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DebtorAccountId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PaymentAmount = table.Column<decimal>(type: "numeric(19,4)", precision: 19, scale: 4, nullable: false),
                    PaymentCurrency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    CreditorScheme = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreditorIdentification = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreditorName = table.Column<string>(type: "character varying(70)", maxLength: 70, nullable: false),
                    PaymentReference = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    RequestedDebtorAccountId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ReasonCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    ReasonDetail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RiskScore = table.Column<int>(type: "integer", nullable: true),
                    RiskReasons = table.Column<string[]>(type: "text[]", nullable: false),
                    DebitEntryId = table.Column<long>(type: "bigint", nullable: true),
                    FinalEntryId = table.Column<long>(type: "bigint", nullable: true),
                    SwitchReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StatusUpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payment_status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PaymentId = table.Column<string>(type: "character varying(40)", nullable: false),
                    Status = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReasonCode = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payment_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payment_status_changes_payments_PaymentId",
                        column: x => x.PaymentId,
                        principalTable: "payments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "accounts",
                columns: new[] { "Id", "BookedBalance", "Currency", "CustomerId", "Kind", "Name", "Number", "OpenedAt", "OverdraftLimit", "Status" },
                values: new object[,]
                {
                    { "acc_payments_outbound_kes", 0m, "KES", null, "internal", "Outbound payments in settlement KES", "9900000011", new DateTimeOffset(new DateTime(2020, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0m, "active" },
                    { "acc_payments_outbound_usd", 0m, "USD", null, "internal", "Outbound payments in settlement USD", "9900000012", new DateTimeOffset(new DateTime(2020, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0m, "active" },
                    { "acc_switch_settlement_kes", 0m, "KES", null, "internal", "Payment switch settlement KES", "9900000021", new DateTimeOffset(new DateTime(2020, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0m, "active" },
                    { "acc_switch_settlement_usd", 0m, "USD", null, "internal", "Payment switch settlement USD", "9900000022", new DateTimeOffset(new DateTime(2020, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)), 0m, "active" }
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_accounts_floor",
                table: "accounts",
                sql: "\"Kind\" = 'internal' OR \"BookedBalance\" + \"OverdraftLimit\" >= 0");

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_keys_ExpiresAt",
                table: "idempotency_keys",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_payment_status_changes_PaymentId",
                table: "payment_status_changes",
                column: "PaymentId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ClientId",
                table: "payments",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_payments_ConsentId",
                table: "payments",
                column: "ConsentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payments_DebtorAccountId_CreatedAt",
                table: "payments",
                columns: new[] { "DebtorAccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_Status_StatusUpdatedAt",
                table: "payments",
                columns: new[] { "Status", "StatusUpdatedAt" },
                filter: "\"Status\" IN ('Pending', 'AcceptedSettlementInProcess')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "idempotency_keys");

            migrationBuilder.DropTable(
                name: "payment_status_changes");

            migrationBuilder.DropTable(
                name: "payments");

            migrationBuilder.DropCheckConstraint(
                name: "ck_accounts_floor",
                table: "accounts");

            migrationBuilder.DeleteData(
                table: "accounts",
                keyColumn: "Id",
                keyValue: "acc_payments_outbound_kes");

            migrationBuilder.DeleteData(
                table: "accounts",
                keyColumn: "Id",
                keyValue: "acc_payments_outbound_usd");

            migrationBuilder.DeleteData(
                table: "accounts",
                keyColumn: "Id",
                keyValue: "acc_switch_settlement_kes");

            migrationBuilder.DeleteData(
                table: "accounts",
                keyColumn: "Id",
                keyValue: "acc_switch_settlement_usd");

            migrationBuilder.DropColumn(
                name: "CreditorIdentification",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "CreditorName",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "CreditorScheme",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "PaymentAmount",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "PaymentCurrency",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "PaymentReference",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "RequestedDebtorAccountId",
                table: "consents");

            migrationBuilder.DropColumn(
                name: "OverdraftLimit",
                table: "accounts");
        }
    }
}
