using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Wekeza.Banking.CoreBanking.Migrations
{
    /// <inheritdoc />
    public partial class WebhookEventPositions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Position",
                table: "webhook_events",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Each app's events numbered in commit order: the counter row's lock is held to commit, so an app's
            // events commit in the order of their positions and a poller paging on position never skips one.
            migrationBuilder.Sql("""
                UPDATE webhook_events e SET "Position" = n.rn
                FROM (SELECT "Id", row_number() OVER (PARTITION BY "ClientId" ORDER BY "Id") AS rn FROM webhook_events) n
                WHERE e."Id" = n."Id";

                CREATE TABLE webhook_event_positions ("ClientId" character varying(100) PRIMARY KEY, "Last" bigint NOT NULL);
                INSERT INTO webhook_event_positions SELECT "ClientId", max("Position") FROM webhook_events GROUP BY "ClientId";

                CREATE FUNCTION webhook_event_position() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO webhook_event_positions AS p ("ClientId", "Last") VALUES (NEW."ClientId", 1)
                    ON CONFLICT ("ClientId") DO UPDATE SET "Last" = p."Last" + 1
                    RETURNING "Last" INTO NEW."Position";
                    RETURN NEW;
                END $$;

                CREATE TRIGGER webhook_event_position BEFORE INSERT ON webhook_events
                    FOR EACH ROW EXECUTE FUNCTION webhook_event_position();

                -- A transaction that notifies takes a cluster-wide lock at commit: the workers' fan-out wakes its own
                -- dispatcher in process and says so (SET LOCAL wekeza.notify_webhooks = 'off'); the API's inserts
                -- (test events) still notify the workers.
                DROP TRIGGER webhook_deliveries_notify ON webhook_deliveries;
                CREATE TRIGGER webhook_deliveries_notify AFTER INSERT ON webhook_deliveries
                    FOR EACH STATEMENT WHEN (current_setting('wekeza.notify_webhooks', true) IS DISTINCT FROM 'off')
                    EXECUTE FUNCTION webhook_deliveries_notify();
                """);

            migrationBuilder.CreateIndex(
                name: "IX_webhook_events_ClientId_Position",
                table: "webhook_events",
                columns: new[] { "ClientId", "Position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS webhook_deliveries_notify ON webhook_deliveries;
                CREATE TRIGGER webhook_deliveries_notify AFTER INSERT ON webhook_deliveries
                    FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_notify();
                DROP TRIGGER IF EXISTS webhook_event_position ON webhook_events;
                DROP FUNCTION IF EXISTS webhook_event_position();
                DROP TABLE IF EXISTS webhook_event_positions;
                """);

            migrationBuilder.DropIndex(
                name: "IX_webhook_events_ClientId_Position",
                table: "webhook_events");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "webhook_events");
        }
    }
}
