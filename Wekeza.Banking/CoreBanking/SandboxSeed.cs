using Wekeza.ServiceDefaults.Sandbox;

namespace Wekeza.Banking.CoreBanking;

/// <summary>
/// The sandbox's bank: the test customers' accounts and a year of realistic Kenyan history (salary, rent, M-Pesa,
/// KPLC tokens, groceries, savings, a business's till and exports), generated from fixed seeds so every stack and
/// every test run holds exactly the same data. Built in memory with running balances, booked in one transaction. Six
/// personas (<see cref="TestCustomers"/>): salaried, small business, student, high balance, nearly empty and dormant.
/// Only ever appended to: a persona or account added later draws from its own random sequence, so every history
/// generated before stays exactly as it was, and <see cref="Missing"/> adds the new ones to an already-seeded bank.
/// </summary>
public static class SandboxSeed
{
    public static readonly DateTimeOffset HistoryStart = new(2025, 11, 1, 0, 0, 0, TimeSpan.Zero);
    public const int MonthsOfHistory = 12;

    /// <summary>The dormant persona's accounts moved only in the first months of the history.</summary>
    public const int DormantAfterMonths = 3;

    /// <summary>The status of an account that has not moved for a long time (the bank's term; the API shows it as is).</summary>
    public const string AccountStatusDormant = "dormant";

    public sealed record Data(IReadOnlyList<Customer> Customers, IReadOnlyList<Account> Accounts, IReadOnlyList<LedgerEntry> Entries);

    /// <summary>What to add to a bank: new rows, and the new booked balance of each account already there that they move.</summary>
    public sealed record Addition(IReadOnlyList<Customer> Customers, IReadOnlyList<Account> Accounts, IReadOnlyList<LedgerEntry> Entries,
        IReadOnlyDictionary<string, decimal> Balances)
    {
        public bool IsEmpty => Customers.Count == 0 && Accounts.Count == 0 && Entries.Count == 0;
    }

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
            var customer = new Customer
            {
                Id = $"cus_{index:D4}", Subject = persona.Subject, DisplayName = persona.Name, Sandbox = true, CreatedAt = HistoryStart.AddMonths(-6),
            };
            builder.Customers.Add(customer);
            var random = new Random(7919 * index);
            switch (persona.Kind)
            {
                case "salaried": Salaried(builder, customer, index, random); break;
                case "small-business": SmallBusiness(builder, customer, index, random); break;
                case "student":
                    Student(builder, customer, index, random);
                    // An account added later draws from its own sequence, so the first account's history stays as it was.
                    FeesSavings(builder, customer, index, new Random(104_729 * index));
                    break;
                case "high-balance": HighBalance(builder, customer, index, random); break;
                case "nearly-empty": NearlyEmpty(builder, customer, index, random); break;
                case "dormant": Dormant(builder, customer, index, random); break;
                default: throw new InvalidOperationException($"No history is written for the persona kind {persona.Kind}.");
            }
        }

        var data = new Data(builder.Customers, builder.Accounts, [.. builder.Entries.OrderBy(e => e.BookedAt)]);
        ApplyBalances(data);
        return data;
    }

    /// <summary>
    /// What a bank that already holds part of the seed lacks: the customers and accounts it does not have (by id), and
    /// the history of those accounts. Their postings' balances run as generated; the bank's own accounts that history
    /// moves (the clearing accounts, when they exist) run on from what they hold now, and <see cref="Addition.Balances"/>
    /// says what they hold after it. A fresh bank (nothing present) gets the whole seed, exactly as <see cref="Generate"/>.
    /// </summary>
    /// <param name="customersPresent">The ids of the seed's customers the bank has.</param>
    /// <param name="balancesPresent">The seed's accounts the bank has, by id, with their booked balance now.</param>
    public static Addition Missing(IReadOnlySet<string> customersPresent, IReadOnlyDictionary<string, decimal> balancesPresent)
    {
        var seed = Generate();
        var accounts = seed.Accounts.Where(a => !balancesPresent.ContainsKey(a.Id)).ToList();
        var added = accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var entries = seed.Entries.Where(e => e.Postings.Any(p => added.Contains(p.AccountId))).ToList();

        // A customer account's history is its own: adding an entry that also moves one the bank already has would
        // rewrite that account's statement, so the seed never does (an account added later is funded from the bank).
        var kinds = seed.Accounts.ToDictionary(a => a.Id, a => a.Kind, StringComparer.Ordinal);
        if (entries.SelectMany(e => e.Postings).FirstOrDefault(p => !added.Contains(p.AccountId) && kinds[p.AccountId] != AccountKinds.Internal) is { } clash)
        {
            throw new InvalidOperationException($"The seed's history of a new account also moves {clash.AccountId}, which the bank already holds.");
        }

        var running = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var posting in entries.SelectMany(e => e.Postings))
        {
            var before = running.TryGetValue(posting.AccountId, out var balance) ? balance : balancesPresent.GetValueOrDefault(posting.AccountId);
            posting.BalanceAfter = running[posting.AccountId] = before + posting.Amount;
        }

        foreach (var account in accounts)
        {
            account.BookedBalance = running.GetValueOrDefault(account.Id);
        }

        return new Addition(
            [.. seed.Customers.Where(c => !customersPresent.Contains(c.Id))], accounts, entries,
            running.Where(pair => balancesPresent.ContainsKey(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal));
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

    /// <summary>Faith's fees savings: topped up from home each month, emptied at the start of each term.</summary>
    private static void FeesSavings(Builder b, Customer customer, int index, Random random)
    {
        var savings = b.Open(customer, index, 2, AccountKinds.Savings, "KES", "Fees savings");
        b.FromBank(savings, 18_500.00m, HistoryStart, "Opening balance", "opening", null);
        var termFees = new Dictionary<int, decimal> { [2] = 24_000.00m, [6] = 14_500.00m, [10] = 12_500.00m };
        foreach (var (month, n) in Months().Select((month, n) => (month, n)))
        {
            b.FromBank(savings, 3_000.00m, Day(month, 3, 11), "Fees saving", "savings", "Mary Chebet (M-Pesa)", $"MP{random.Next(100_000_000):D8}");
            if (termFees.TryGetValue(n, out var fees))
            {
                b.ToBank(savings, fees, Day(month, 8, 10), "Tuition fees", "education", "University of Nairobi", $"UON{month:yyMM}");
            }

            b.FromBank(savings, Amount(random, 20, 60), Day(month, 28, 6), "Interest", "interest", null);
        }
    }

    /// <summary>
    /// David: tens of millions in KES, a dollar account and a fixed deposit; a director's income and rent coming in,
    /// treasury bills rolled every 91 days, shares, school fees and a household's spending going out.
    /// </summary>
    private static void HighBalance(Builder b, Customer customer, int index, Random random)
    {
        var current = b.Open(customer, index, 1, AccountKinds.Current, "KES", "Premier current account");
        var dollars = b.Open(customer, index, 2, AccountKinds.Current, "USD", "USD current account");
        var deposit = b.Open(customer, index, 3, AccountKinds.Savings, "KES", "Fixed deposit - 12 months");
        b.FromBank(current, 24_650_000.00m, HistoryStart, "Opening balance", "opening", null);
        b.FromBank(dollars, 186_400.00m, HistoryStart, "Opening balance", "opening", null);
        b.FromBank(deposit, 50_000_000.00m, HistoryStart, "Opening balance", "opening", null);
        var treasuryBills = new List<decimal>();
        foreach (var (month, n) in Months().Select((month, n) => (month, n)))
        {
            b.ToBank(current, 185_000.00m, Day(month, 1, 8), "Mortgage repayment", "housing", "HF Group", $"HF{month:yyyyMM}");
            b.FromBank(current, 845_000.00m, Day(month, 5, 9), "Rental income", "income", "Riverside Drive Apartments (letting agent)");
            b.ToBank(current, Amount(random, 25_000, 60_000), Day(month, 9, 10), "KPLC postpaid", "utilities", "Kenya Power");
            if (n >= 3)
            {
                b.FromBank(current, decimal.Round(treasuryBills[n - 3] * 1.02m, 2), Day(month, 12, 9), "Treasury bill maturity (91-day)", "investments",
                    "Central Bank of Kenya (DhowCSD)", $"TB{month.AddMonths(-3):yyMM}");
            }

            var bill = Amount(random, 1_000, 2_500) * 1_000;
            treasuryBills.Add(bill);
            b.ToBank(current, bill, Day(month, 12, 11), "Treasury bill purchase (91-day)", "investments", "Central Bank of Kenya (DhowCSD)", $"TB{month:yyMM}");
            if (n % 2 == 1)
            {
                b.ToBank(current, Amount(random, 400_000, 900_000), Day(month, 18, 14), "NSE share purchase", "investments", "Dyer & Blair Investment Bank",
                    $"NSE{month:yyMM}{random.Next(10_000):D4}");
            }

            if (n is 2 or 6 or 10)
            {
                b.ToBank(current, 680_000.00m, Day(month, 7, 10), "School fees", "education", "Brookhouse School", $"BHS{month:yyMM}");
            }

            foreach (var day in new[] { 4, 11, 19, 25 })
            {
                var (description, category, counterparty) = HighSpending[random.Next(HighSpending.Length)];
                b.ToBank(current, Amount(random, 6_000, 48_000), Day(month, day, 17), description, category, counterparty);
            }

            b.ToBank(current, 95_000.00m, Day(month, 27, 12), "Household staff wages", "payroll", "Staff wages");
            b.FromBank(current, Amount(random, 2_800_000, 3_600_000), Day(month, 28, 10), "Director's income", "income", "Kamau Holdings Ltd", $"KHL{month:yyyyMM}");

            b.ToBank(dollars, Amount(random, 300, 2_500), Day(month, 11, 13), "Card payment abroad", "travel", DollarMerchants[random.Next(DollarMerchants.Length)]);
            b.FromBank(dollars, Amount(random, 8_000, 15_000), Day(month, 20, 15), "Consulting fees", "income", "Acacia Advisory LLC", $"AA-{month:yyMM}");
            b.ToBank(dollars, Amount(random, 4_000, 9_000), Day(month, 22, 15), "Brokerage top-up", "investments", "Interactive Brokers");

            // 10.5% a year on the deposit, paid monthly, less the 15% withholding tax on interest.
            b.FromBank(deposit, 437_500.00m, Day(month, 28, 6), "Fixed deposit interest", "interest", null);
            b.ToBank(deposit, 65_625.00m, Day(month, 28, 7), "Withholding tax on interest", "tax", "Kenya Revenue Authority");
        }
    }

    /// <summary>
    /// Grace: one or two small, irregular paydays a month, each spent within days down to a few shillings, and a savings
    /// pot that never holds much.
    /// </summary>
    private static void NearlyEmpty(Builder b, Customer customer, int index, Random random)
    {
        var current = b.Open(customer, index, 1, AccountKinds.Current, "KES", "Everyday account");
        var pot = b.Open(customer, index, 2, AccountKinds.Savings, "KES", "Savings pot");
        var balance = 640.00m;
        var saved = 85.00m;
        b.FromBank(current, balance, HistoryStart, "Opening balance", "opening", null);
        b.FromBank(pot, saved, HistoryStart, "Opening balance", "opening", null);
        foreach (var (month, n) in Months().Select((month, n) => (month, n)))
        {
            int[] paydays = random.Next(3) == 0 ? [random.Next(2, 8)] : [random.Next(2, 8), random.Next(14, 19)];
            foreach (var payday in paydays)
            {
                var (work, payer) = CasualWork[random.Next(CasualWork.Length)];
                var pay = Amount(random, 1_800, 6_500);
                b.FromBank(current, pay, Day(month, payday, 16), work, "income", payer, $"MP{random.Next(100_000_000):D8}");
                balance += pay;

                if (payday == paydays[0] && n % 4 == 1)
                {
                    var put = Amount(random, 100, 200);
                    b.Between(current, pot, put, Day(month, payday, 17), "Save to pot", "savings");
                    (balance, saved) = (balance - put, saved + put);
                }
                else if (payday == paydays[0] && n % 4 == 2)
                {
                    var take = saved - Amount(random, 5, 40);
                    b.Between(pot, current, take, Day(month, payday, 17), "Withdraw from pot", "savings");
                    (balance, saved) = (balance + take, saved - take);
                }

                // Spent within days: two bites of what is there, then the rest but a few shillings.
                foreach (var (after, i) in new[] { 1, 2, 4 }.Select((after, i) => (after, i)))
                {
                    var (description, category, counterparty) = LowSpending[random.Next(LowSpending.Length)];
                    var amount = i < 2 ? decimal.Round(balance * random.Next(25, 45) / 100m, 2) : balance - Amount(random, 12, 95);
                    b.ToBank(current, amount, Day(month, payday + after, 19), description, category, counterparty);
                    balance -= amount;
                }
            }

            var interest = decimal.Round(saved * 0.06m / 12, 2);
            if (interest > 0)
            {
                b.FromBank(pot, interest, Day(month, 28, 6), "Interest", "interest", null);
                saved += interest;
            }
        }
    }

    /// <summary>
    /// Joseph: paid and spending for the first months of the history, then he stopped using the bank; both accounts have
    /// been dormant since.
    /// </summary>
    private static void Dormant(Builder b, Customer customer, int index, Random random)
    {
        var current = b.Open(customer, index, 1, AccountKinds.Current, "KES", "Everyday account");
        var savings = b.Open(customer, index, 2, AccountKinds.Savings, "KES", "Savings account");
        b.FromBank(current, 31_350.00m, HistoryStart, "Opening balance", "opening", null);
        b.FromBank(savings, 36_000.00m, HistoryStart, "Opening balance", "opening", null);
        foreach (var (month, n) in Months().Take(DormantAfterMonths).Select((month, n) => (month, n)))
        {
            b.ToBank(current, 12_000.00m, Day(month, 2, 9), "Rent", "housing", "Mwangi Court, Thika");
            foreach (var day in new[] { 6, 13, 20 })
            {
                b.ToBank(current, Amount(random, 1_200, 3_800), Day(month, day, 18), "Groceries", "groceries", "Naivas Supermarket");
            }

            b.ToBank(current, Amount(random, 300, 1_500), Day(month, 16, 13), "M-Pesa send money", "transfers", Names[random.Next(Names.Length)],
                $"MP{random.Next(100_000_000):D8}");
            if (n < 2)
            {
                b.FromBank(current, 42_000.00m, Day(month, 25, 9), "Salary", "income", "Thika Road Motors Ltd", $"SAL{month:yyyyMM}");
                b.Between(current, savings, 5_000.00m, Day(month, 26, 7), "Monthly saving", "savings");
            }
            else
            {
                // The last activity: the savings moved out and most of the balance taken in cash.
                b.Between(savings, current, 40_000.00m, Day(month, 24, 10), "Transfer from savings", "savings");
                b.ToBank(current, 70_000.00m, Day(month, 24, 11), "Cash withdrawal", "cash", "Wekeza branch, Thika");
            }
        }

        current.Status = savings.Status = AccountStatusDormant;
    }

    private static readonly (string Description, string Category, string Counterparty)[] HighSpending =
    [
        ("Card payment", "groceries", "Carrefour Two Rivers"), ("Fuel", "transport", "Rubis Westlands"), ("Dinner", "dining", "Talisman Restaurant"),
        ("Card payment", "shopping", "Village Market"), ("Golf club subscription", "leisure", "Muthaiga Golf Club"),
    ];

    private static readonly string[] DollarMerchants = ["Emirates", "Marriott Dubai", "Amazon.com", "Apple.com"];

    private static readonly (string Work, string Payer)[] CasualWork =
    [
        ("Casual work", "Kamau Construction (M-Pesa)"), ("Laundry work", "Mrs Odhiambo (M-Pesa)"), ("Market sales", "Lipa na M-Pesa till 881204"),
    ];

    private static readonly (string Description, string Category, string Counterparty)[] LowSpending =
    [
        ("Food", "groceries", "Mama mboga kiosk"), ("Airtime", "airtime", "Safaricom"), ("Rent contribution", "housing", "Landlord (M-Pesa)"),
        ("Matatu fare", "transport", "M-Pesa pay bill"), ("Paraffin and charcoal", "utilities", "Corner kiosk"),
        ("M-Pesa send money", "transfers", "Mama Akinyi (M-Pesa)"),
    ];

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
