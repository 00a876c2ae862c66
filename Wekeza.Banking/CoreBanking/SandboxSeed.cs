using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Banking.CoreBanking;

/// <summary>
/// The sandbox's bank: the test customers' accounts and a year of realistic Kenyan history (salary, rent, M-Pesa,
/// KPLC tokens, groceries, savings, a business's till and exports), generated from fixed seeds so every stack and
/// every test run holds exactly the same data. Built in memory with running balances, booked in one transaction.
/// </summary>
public static class SandboxSeed
{
    public static readonly DateTimeOffset HistoryStart = new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public const int MonthsOfHistory = 12;

    public sealed record Data(IReadOnlyList<Customer> Customers, IReadOnlyList<Account> Accounts, IReadOnlyList<LedgerEntry> Entries);

    public static string ClearingAccountId(string currency) => $"acc_bank_clearing_{currency.ToLowerInvariant()}";

    public static Data Generate()
    {
        var builder = new Builder();
        foreach (var currency in new[] { "KES", "USD" })
        {
            builder.Open(new Account
            {
                Id = ClearingAccountId(currency), Kind = AccountKinds.Internal, Currency = currency,
                Name = $"Clearing {currency}", Number = $"9900000000{(currency == "KES" ? 1 : 2)}", OpenedAt = HistoryStart.AddYears(-10),
            });
        }

        foreach (var (persona, index) in TestCustomers.All.Select((p, i) => (p, i + 1)))
        {
            var customer = new Customer { Id = $"cus_{index:D4}", Subject = persona.Subject, DisplayName = persona.Name, CreatedAt = HistoryStart.AddMonths(-6) };
            builder.Customers.Add(customer);
            var random = new Random(7919 * index);
            switch (persona.Kind)
            {
                case "salaried": Salaried(builder, customer, index, random); break;
                case "small-business": SmallBusiness(builder, customer, index, random); break;
                default: Student(builder, customer, index, random); break;
            }
        }

        var data = new Data(builder.Customers, builder.Accounts, [.. builder.Entries.OrderBy(e => e.BookedAt)]);
        ApplyBalances(data);
        return data;
    }

    private static void Salaried(Builder b, Customer customer, int index, Random random)
    {
        var current = b.Open(customer, index, 1, AccountKinds.Current, "KES", "Everyday account");
        var savings = b.Open(customer, index, 2, AccountKinds.Savings, "KES", "Emergency fund");
        b.FromBank(current, 98_250.00m, HistoryStart, "Opening balance", "opening", null);
        b.FromBank(savings, 120_000.00m, HistoryStart, "Opening balance", "opening", null);
        foreach (var month in Months())
        {
            b.FromBank(current, 185_000.00m, Day(month, 25, 9), "Salary", "income", "Savannah Logistics Ltd", $"SAL{month:yyyyMM}");
            b.ToBank(current, 45_000.00m, Day(month, 1, 8), "Rent", "housing", "Kilimani Heights Apartments");
            b.Between(current, savings, 15_000.00m, Day(month, 26, 7), "Monthly saving", "savings");
            b.ToBank(current, Amount(random, 1_500, 4_500), Day(month, 5, 19), "KPLC prepaid tokens", "utilities", "Kenya Power");
            b.ToBank(current, Amount(random, 800, 1_600), Day(month, 10, 12), "Nairobi Water bill", "utilities", "Nairobi City Water");
            foreach (var day in new[] { 3, 9, 14, 20, 27 })
            {
                b.ToBank(current, Amount(random, 2_000, 9_500), Day(month, day, 18), "Groceries", "groceries", random.Next(2) == 0 ? "Naivas Supermarket" : "Quickmart");
            }

            foreach (var day in new[] { 7, 17, 28 })
            {
                b.ToBank(current, Amount(random, 500, 5_000), Day(month, day, 13), "M-Pesa send money", "transfers", Names[random.Next(Names.Length)], $"MP{random.Next(100_000_000):D8}");
            }
        }
    }

    private static void SmallBusiness(Builder b, Customer customer, int index, Random random)
    {
        var current = b.Open(customer, index, 1, AccountKinds.Current, "KES", "Otieno Traders - operating");
        var dollars = b.Open(customer, index, 2, AccountKinds.Current, "USD", "Otieno Traders - USD");
        b.FromBank(current, 310_000.00m, HistoryStart, "Opening balance", "opening", null);
        b.FromBank(dollars, 2_500.00m, HistoryStart, "Opening balance", "opening", null);
        foreach (var month in Months())
        {
            for (var day = 1; day <= 27; day += 2)
            {
                b.FromBank(current, Amount(random, 3_000, 28_000), Day(month, day, 17), "M-Pesa till receipts", "sales", "Lipa na M-Pesa till 512345");
            }

            b.ToBank(current, Amount(random, 60_000, 140_000), Day(month, 6, 10), "Stock purchase", "suppliers", "Twiga Foods");
            b.ToBank(current, 35_000.00m, Day(month, 2, 9), "Shop rent", "housing", "Gikomba Traders Plaza");
            b.ToBank(current, Amount(random, 4_000, 9_000), Day(month, 8, 11), "KPLC postpaid", "utilities", "Kenya Power");
            b.ToBank(current, 24_000.00m, Day(month, 28, 16), "Wages", "payroll", "Staff wages");
            b.FromBank(dollars, Amount(random, 900, 2_400), Day(month, 15, 14), "Export receipt", "sales", "Kampala Wholesale Co.", $"INV{month:yyMM}01");
            b.ToBank(dollars, Amount(random, 50, 200), Day(month, 16, 14), "Freight", "logistics", "Northern Corridor Freight");
        }
    }

    private static void Student(Builder b, Customer customer, int index, Random random)
    {
        var current = b.Open(customer, index, 1, AccountKinds.Current, "KES", "Student account");
        b.FromBank(current, 1_200.00m, HistoryStart, "Opening balance", "opening", null);
        foreach (var month in Months())
        {
            b.FromBank(current, 12_000.00m, Day(month, 1, 10), "Allowance", "income", "Mary Chebet (M-Pesa)", $"MP{random.Next(100_000_000):D8}");
            b.ToBank(current, Amount(random, 300, 900), Day(month, 4, 20), "Safaricom data bundles", "airtime", "Safaricom");
            b.ToBank(current, Amount(random, 1_000, 2_500), Day(month, 12, 13), "Books and printing", "education", "Text Book Centre");
            foreach (var day in new[] { 2, 8, 15, 22 })
            {
                b.ToBank(current, Amount(random, 150, 900), Day(month, day, 12), "Matatu and lunch", "transport", "M-Pesa pay bill");
            }
        }
    }

    private static readonly string[] Names = ["Kevin Kiprop", "Mercy Njeri", "John Mutua", "Esther Atieno", "Daniel Kariuki", "Lucy Wambui"];

    private static IEnumerable<DateTimeOffset> Months() => Enumerable.Range(0, MonthsOfHistory).Select(HistoryStart.AddMonths);

    private static DateTimeOffset Day(DateTimeOffset month, int day, int hour) => month.AddDays(day - 1).AddHours(hour - 3);

    private static decimal Amount(Random random, int min, int max) => random.Next(min * 100, max * 100) / 100m;

    /// <summary>Accumulates the seed with running balances, as the ledger would have booked it.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, Account> _accounts = [];

        public List<Customer> Customers { get; } = [];

        public List<Account> Accounts { get; } = [];

        public List<LedgerEntry> Entries { get; } = [];

        public Account Open(Account account)
        {
            Accounts.Add(account);
            _accounts[account.Id] = account;
            return account;
        }

        public Account Open(Customer customer, int customerIndex, int number, string kind, string currency, string name) => Open(new Account
        {
            Id = $"acc_{customerIndex:D4}{number:D2}",
            CustomerId = customer.Id,
            Kind = kind,
            Currency = currency,
            Name = name,
            Number = $"01{customerIndex:D6}{number:D4}",
            OpenedAt = HistoryStart.AddMonths(-6),
        });

        public void FromBank(Account account, decimal amount, DateTimeOffset at, string description, string category, string? counterparty, string? reference = null) =>
            Book(at, description, category, counterparty, reference, (account, amount), (_accounts[ClearingAccountId(account.Currency)], -amount));

        public void ToBank(Account account, decimal amount, DateTimeOffset at, string description, string category, string? counterparty, string? reference = null) =>
            Book(at, description, category, counterparty, reference, (account, -amount), (_accounts[ClearingAccountId(account.Currency)], amount));

        public void Between(Account from, Account to, decimal amount, DateTimeOffset at, string description, string category) =>
            Book(at, description, category, to.Name, null, (from, -amount), (to, amount));

        /// <summary>Entries are generated per customer, not in time order; each account's running balance is fixed up after sorting.</summary>
        private void Book(DateTimeOffset at, string description, string category, string? counterparty, string? reference, params (Account Account, decimal Amount)[] sides)
        {
            var entry = new LedgerEntry { BookedAt = at, Description = description, Category = category, Counterparty = counterparty, Reference = reference };
            foreach (var (account, amount) in sides)
            {
                entry.Postings.Add(new Posting { AccountId = account.Id, Amount = amount, Currency = account.Currency, BookedAt = at });
            }

            Ledger.CheckBalanced(entry.Postings.Select(p => (p.Currency, p.Amount)));
            Entries.Add(entry);
        }
    }

    /// <summary>Orders the entries by time and sets every posting's balance-after and every account's balance.</summary>
    private static void ApplyBalances(Data data)
    {
        var accounts = data.Accounts.ToDictionary(a => a.Id);
        foreach (var posting in data.Entries.OrderBy(e => e.BookedAt).SelectMany(e => e.Postings))
        {
            var account = accounts[posting.AccountId];
            account.BookedBalance += posting.Amount;
            posting.BalanceAfter = account.BookedBalance;
        }
    }
}
