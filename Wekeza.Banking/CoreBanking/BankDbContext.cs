using Microsoft.EntityFrameworkCore;
using Wekeza.Banking.Consents;
using Wekeza.Banking.Outbox;

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
            account.ToTable("accounts", table => table.HasCheckConstraint("ck_accounts_currency", "char_length(\"Currency\") = 3"));
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

        model.Entity<OutboxMessage>(message =>
        {
            message.ToTable("outbox");
            message.Property(m => m.Type).HasMaxLength(60);
            message.Property(m => m.Subject).HasMaxLength(60);
            message.Property(m => m.Payload).HasColumnType("jsonb");
            // The relay's work list: what is not yet published, oldest first.
            message.HasIndex(m => m.OccurredAt).HasFilter("\"PublishedAt\" IS NULL");
        });
    }
}
