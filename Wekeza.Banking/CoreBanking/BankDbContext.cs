using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.Consents;
using Wekeza.Banking.Outbox;
using Wekeza.Banking.Payments;
using Wekeza.Banking.Sandbox;
using Wekeza.Banking.Usage;
using Wekeza.Banking.Webhooks;
using Wekeza.Consents;

namespace Wekeza.Banking.CoreBanking;

/// <summary>
/// bankdb: the built-in core banking system (customers, accounts, the double-entry ledger), the consents apps hold
/// over it with their audit trail, and the outbox of integration events.
/// </summary>
public sealed class BankDbContext(DbContextOptions<BankDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    public DbSet<Posting> Postings => Set<Posting>();

    public DbSet<Consent> Consents => Set<Consent>();

    public DbSet<ConsentEvent> ConsentEvents => Set<ConsentEvent>();

    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<PaymentStatusChange> PaymentStatusChanges => Set<PaymentStatusChange>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<SandboxClock> SandboxClocks => Set<SandboxClock>();

    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<WebhookAttempt> WebhookAttempts => Set<WebhookAttempt>();

    public DbSet<ApiCall> ApiCalls => Set<ApiCall>();
    public DbSet<ApiUsageMinute> ApiUsageMinutes => Set<ApiUsageMinute>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<Customer>(customer =>
        {
            customer.ToTable("customers");
            customer.Property(c => c.Id).HasMaxLength(40);
            customer.Property(c => c.Subject).HasMaxLength(100);
            customer.HasIndex(c => c.Subject).IsUnique();
            customer.Property(c => c.DisplayName).HasMaxLength(100);
        });

        model.Entity<Account>(account =>
        {
            account.ToTable("accounts", table =>
            {
                table.HasCheckConstraint("ck_accounts_currency", "char_length(\"Currency\") = 3");
                // The floor the ledger keeps, kept by the database too: a customer's account never goes below it.
                table.HasCheckConstraint("ck_accounts_floor", "\"Kind\" = 'internal' OR \"BookedBalance\" + \"OverdraftLimit\" >= 0");
            });
            account.Ignore(a => a.Available);
            account.Property(a => a.OverdraftLimit).HasPrecision(19, 4);
            account.HasData(PaymentAccounts.All);
            account.Property(a => a.Id).HasMaxLength(40);
            account.Property(a => a.CustomerId).HasMaxLength(40);
            account.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId);
            account.HasIndex(a => a.CustomerId);
            account.Property(a => a.Kind).HasMaxLength(20);
            account.Property(a => a.Currency).HasMaxLength(3).IsFixedLength();
            account.Property(a => a.Name).HasMaxLength(100);
            account.Property(a => a.Number).HasMaxLength(20);
            account.HasIndex(a => a.Number).IsUnique();
            account.Property(a => a.Status).HasMaxLength(20);
            account.Property(a => a.BookedBalance).HasPrecision(19, 4);
        });

        model.Entity<LedgerEntry>(entry =>
        {
            entry.ToTable("ledger_entries");
            entry.Property(e => e.Description).HasMaxLength(200);
            entry.Property(e => e.Reference).HasMaxLength(100);
            entry.Property(e => e.Category).HasMaxLength(40);
            entry.Property(e => e.Counterparty).HasMaxLength(100);
            entry.Property(e => e.SandboxClientId).HasMaxLength(100);
            entry.HasIndex(e => e.SandboxClientId).HasFilter("\"SandboxClientId\" IS NOT NULL");
            entry.HasMany(e => e.Postings).WithOne(p => p.Entry).HasForeignKey(p => p.EntryId);
        });

        model.Entity<Posting>(posting =>
        {
            posting.ToTable("postings");
            posting.Property(p => p.AccountId).HasMaxLength(40);
            posting.HasOne<Account>().WithMany().HasForeignKey(p => p.AccountId);
            posting.Property(p => p.Amount).HasPrecision(19, 4);
            posting.Property(p => p.BalanceAfter).HasPrecision(19, 4);
            posting.Property(p => p.Currency).HasMaxLength(3).IsFixedLength();
            // An account's history, newest first, as one range scan: the keyset the transactions API pages on.
            posting.HasIndex(p => new { p.AccountId, p.BookedAt, p.Id }).IsDescending(false, true, true);
        });

        model.Entity<Consent>(consent =>
        {
            consent.ToTable("consents");
            consent.Property(c => c.Id).HasMaxLength(40);
            consent.Property(c => c.ClientId).HasMaxLength(100);
            consent.HasIndex(c => c.ClientId);
            consent.Property(c => c.Status).HasMaxLength(30);
            consent.Property(c => c.Kind).HasMaxLength(30).HasDefaultValue(ConsentKinds.AccountAccess);
            consent.OwnsOne(c => c.Initiation, Initiation);
            consent.Property(c => c.CustomerSubject).HasMaxLength(100);
            consent.Property(c => c.AppName).HasMaxLength(200);
            consent.Property(c => c.AuthorizationId).HasMaxLength(100);
            consent.HasIndex(c => c.CustomerSubject);
            consent.HasMany(c => c.Events).WithOne().HasForeignKey(e => e.ConsentId);
            // Two requests changing one consent at once: the second fails rather than overwriting the first.
            consent.Property<uint>("Version").IsRowVersion();
        });

        model.Entity<ConsentEvent>(consentEvent =>
        {
            consentEvent.ToTable("consent_events");
            consentEvent.Property(e => e.Type).HasMaxLength(20);
            consentEvent.Property(e => e.Actor).HasMaxLength(150);
            consentEvent.Property(e => e.Address).HasMaxLength(64);
            consentEvent.Property(e => e.Detail).HasMaxLength(2000);
        });

        model.Entity<SandboxClock>(clock =>
        {
            clock.ToTable("sandbox_clocks");
            clock.HasKey(c => c.ClientId);
            clock.Property(c => c.ClientId).HasMaxLength(100);
        });

        model.Entity<Payment>(payment =>
        {
            payment.ToTable("payments");
            payment.Property(p => p.Id).HasMaxLength(40);
            payment.Property(p => p.ClientId).HasMaxLength(100);
            payment.HasIndex(p => p.ClientId);
            payment.Property(p => p.ConsentId).HasMaxLength(40);
            // A single-payment consent pays once, whatever races: the database refuses a second payment row.
            payment.HasIndex(p => p.ConsentId).IsUnique();
            payment.Property(p => p.CustomerSubject).HasMaxLength(100);
            payment.Property(p => p.DebtorAccountId).HasMaxLength(40);
            payment.HasIndex(p => new { p.DebtorAccountId, p.CreatedAt });
            payment.OwnsOne(p => p.Initiation, Initiation);
            payment.Navigation(p => p.Initiation).IsRequired();
            payment.Property(p => p.Status).HasMaxLength(30);
            payment.HasIndex(p => new { p.Status, p.StatusUpdatedAt }).HasFilter("\"Status\" IN ('Pending', 'AcceptedSettlementInProcess')");
            payment.Property(p => p.ReasonCode).HasMaxLength(60);
            payment.Property(p => p.ReasonDetail).HasMaxLength(500);
            payment.Property(p => p.SwitchReference).HasMaxLength(100);
            payment.HasIndex(p => p.SettlementDueAt).HasFilter("\"SettlementDueAt\" IS NOT NULL AND \"Status\" = 'AcceptedSettlementInProcess'");
            payment.HasMany(p => p.History).WithOne().HasForeignKey(c => c.PaymentId);
            payment.Property<uint>("Version").IsRowVersion();
        });

        model.Entity<PaymentStatusChange>(change =>
        {
            change.ToTable("payment_status_changes");
            change.Property(c => c.Status).HasMaxLength(30);
            change.Property(c => c.ReasonCode).HasMaxLength(60);
            change.Property(c => c.Detail).HasMaxLength(500);
        });

        model.Entity<IdempotencyRecord>(record =>
        {
            record.ToTable("idempotency_keys");
            record.HasKey(r => new { r.ClientId, r.Key });
            record.Property(r => r.ClientId).HasMaxLength(100);
            record.Property(r => r.Key).HasMaxLength(255);
            record.Property(r => r.Operation).HasMaxLength(100);
            record.Property(r => r.RequestHash).HasMaxLength(64);
            // text, not jsonb: a replay must return the very bytes of the first response, and jsonb re-formats them.
            record.Property(r => r.ResponseBody).HasColumnType("text");
            record.Property(r => r.ResourceId).HasMaxLength(40);
            record.HasIndex(r => r.ExpiresAt);
        });

        model.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox");
            message.Property(m => m.Type).HasMaxLength(60);
            message.Property(m => m.Subject).HasMaxLength(60);
            message.Property(m => m.Payload).HasColumnType("jsonb");
            // The relay's work list: what is not yet published, oldest first.
            message.HasIndex(m => m.OccurredAt).HasFilter("\"PublishedAt\" IS NULL");
            // Set by the outbox_sequence trigger (migration Webhooks) for events apps can receive.
            message.Property(m => m.Sequence).ValueGeneratedNever();
        });

        Webhooks(model);
        Usage(model);
    }

    private static void Usage(ModelBuilder model)
    {
        model.Entity<ApiCall>(call =>
        {
            call.ToTable("api_calls");
            call.Property(c => c.ClientId).HasMaxLength(100);
            call.Property(c => c.Method).HasMaxLength(10);
            call.Property(c => c.Route).HasMaxLength(200);
            call.Property(c => c.Tier).HasMaxLength(20);
            // The rollup's work list: what is not yet counted, oldest first.
            call.HasIndex(c => c.Id).HasDatabaseName("ix_api_calls_pending").HasFilter("NOT \"RolledUp\"");
            call.HasIndex(c => c.OccurredAt);
        });

        model.Entity<ApiUsageMinute>(minute =>
        {
            minute.ToTable("api_usage_minutes");
            minute.HasKey(m => new { m.ClientId, m.Minute, m.Method, m.Route, m.Status });
            minute.Property(m => m.ClientId).HasMaxLength(100);
            minute.Property(m => m.Method).HasMaxLength(10);
            minute.Property(m => m.Route).HasMaxLength(200);
            // The admin overview and the retention sweep read by time across apps.
            minute.HasIndex(m => m.Minute);
        });
    }

    private static void Webhooks(ModelBuilder model)
    {
        model.Entity<WebhookEndpoint>(endpoint =>
        {
            endpoint.ToTable("webhook_endpoints");
            endpoint.Property(e => e.Id).HasMaxLength(40);
            endpoint.Property(e => e.ClientId).HasMaxLength(100);
            endpoint.HasIndex(e => e.ClientId);
            endpoint.Property(e => e.Url).HasMaxLength(WebhookEndpoint.UrlMaxLength);
            endpoint.Property(e => e.Description).HasMaxLength(WebhookEndpoint.DescriptionMaxLength);
            endpoint.Property(e => e.DisabledReason).HasMaxLength(300);
            endpoint.Property(e => e.SecretCiphertext).HasMaxLength(200);
            endpoint.Property(e => e.PreviousSecretCiphertext).HasMaxLength(200);
            endpoint.Property<uint>("Version").IsRowVersion();
        });

        model.Entity<WebhookEvent>(webhookEvent =>
        {
            webhookEvent.ToTable("webhook_events");
            webhookEvent.Property(e => e.Id).HasMaxLength(40);
            webhookEvent.Property(e => e.ClientId).HasMaxLength(100);
            webhookEvent.Property(e => e.Type).HasMaxLength(60);
            webhookEvent.Property(e => e.Subject).HasMaxLength(60);
            // text, not jsonb: the body is signed, so every delivery and GET /v1/events must return the same bytes.
            webhookEvent.Property(e => e.Payload).HasColumnType("text");
            // One event per app per outbox message, however often the message arrives.
            webhookEvent.HasIndex(e => new { e.SourceId, e.ClientId }).IsUnique();
            // The app's event log, paged by position (commit order).
            webhookEvent.HasIndex(e => new { e.ClientId, e.Position }).IsUnique();
            webhookEvent.HasIndex(e => new { e.ClientId, e.Id });
            webhookEvent.HasIndex(e => e.OccurredAt);
        });

        model.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.Property(d => d.Id).HasMaxLength(40);
            delivery.Property(d => d.EventId).HasMaxLength(40);
            delivery.Property(d => d.EndpointId).HasMaxLength(40);
            delivery.Property(d => d.ClientId).HasMaxLength(100);
            delivery.Property(d => d.EventType).HasMaxLength(60);
            delivery.Property(d => d.Status).HasMaxLength(20);
            delivery.Property(d => d.LastError).HasMaxLength(300);
            delivery.HasOne<WebhookEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(d => d.EndpointId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
            delivery.HasIndex(d => new { d.EventId, d.EndpointId }).IsUnique();
            // An endpoint's deliveries, newest first (the portal's list).
            delivery.HasIndex(d => new { d.EndpointId, d.Id }).IsDescending(false, true);
            // The dispatcher's work list: what is due.
            delivery.HasIndex(d => d.NextAttemptAt).HasFilter("\"Status\" = 'Pending'");
        });

        model.Entity<WebhookAttempt>(attempt =>
        {
            attempt.ToTable("webhook_attempts");
            attempt.Property(a => a.DeliveryId).HasMaxLength(40);
            attempt.Property(a => a.Error).HasMaxLength(300);
            attempt.Property(a => a.ResponseBody).HasMaxLength(WebhookAttempt.ResponseBodyMaxLength);
            attempt.HasIndex(a => a.DeliveryId);
        });
    }

    private static void Initiation<T>(OwnedNavigationBuilder<T, PaymentInitiation> initiation) where T : class
    {
        initiation.Property(i => i.Amount).HasPrecision(19, 4).HasColumnName("PaymentAmount");
        initiation.Property(i => i.Currency).HasMaxLength(3).IsFixedLength().HasColumnName("PaymentCurrency");
        initiation.Property(i => i.CreditorScheme).HasMaxLength(40).HasColumnName("CreditorScheme");
        initiation.Property(i => i.CreditorIdentification).HasMaxLength(40).HasColumnName("CreditorIdentification");
        initiation.Property(i => i.CreditorName).HasMaxLength(70).HasColumnName("CreditorName");
        initiation.Property(i => i.Reference).HasMaxLength(35).HasColumnName("PaymentReference");
        initiation.Property(i => i.DebtorAccountId).HasMaxLength(40).HasColumnName("RequestedDebtorAccountId");
        initiation.Ignore(i => i.IsInternal);
    }
}
