using Microsoft.EntityFrameworkCore;

namespace Wekeza.Api.CoreBanking;

/// <summary>bankdb: the built-in core banking system (customers, accounts, the double-entry ledger).</summary>
public sealed class BankDbContext(DbContextOptions<BankDbContext> options) : DbContext(options)
{
    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Account> Accounts => Set<Account>();

    public DbSet<LedgerEntry> Entries => Set<LedgerEntry>();

    public DbSet<Posting> Postings => Set<Posting>();

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
    }
}
