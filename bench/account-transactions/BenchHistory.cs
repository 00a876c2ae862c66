namespace Wekeza.Bench;

/// <summary>One line of the bench account's history: positive is money in, negative money out.</summary>
internal sealed record BenchTransaction(DateTimeOffset BookedAt, decimal Amount, string Description, string Category, string? Reference, string? Counterparty);

/// <summary>
/// A busy Nairobi current account, generated from a fixed seed so every stack holds the same history: salary and rent
/// each month, and in between, during waking hours, M-Pesa in and out, till receipts from a side business, groceries,
/// airtime, fuel, rides and bills. Every few minutes for about three and a half years; never overdrawn.
/// </summary>
internal static class BenchHistory
{
    public static readonly DateTimeOffset Start = new(2023, 4, 1, 5, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan EastAfrica = TimeSpan.FromHours(3);

    /// <summary>Day-to-day spending keeps this much back, so the rent always goes through.</summary>
    private const decimal Floor = 50_000m;

    private sealed record Kind(string Description, string Category, string[] Counterparties, int Min, int Max, int Weight, bool Credit, string? ReferencePrefix);

    private static readonly string[] People = ["Kevin Kiprop", "Mercy Njeri", "John Mutua", "Esther Atieno", "Daniel Kariuki", "Lucy Wambui", "Peter Ochieng", "Grace Akinyi"];

    private static readonly Kind[] Kinds =
    [
        new("Groceries", "groceries", ["Naivas Supermarket", "Quickmart", "Carrefour Junction", "Chandarana Foodplus"], 300, 9_000, 14, false, null),
        new("Lipa na M-Pesa", "shopping", ["Java House", "Artcaffe", "Kenchic", "Mama Oliech Restaurant", "Text Book Centre"], 80, 3_500, 18, false, "S"),
        new("M-Pesa send money", "transfers", People, 100, 8_000, 16, false, "S"),
        new("Safaricom airtime", "airtime", ["Safaricom"], 20, 1_000, 8, false, null),
        new("Fuel", "transport", ["Rubis Westlands", "TotalEnergies Ngong Road", "Shell Langata"], 1_000, 6_500, 5, false, null),
        new("Ride", "transport", ["Uber", "Bolt", "Little Cab"], 250, 1_800, 7, false, null),
        new("KPLC prepaid tokens", "utilities", ["Kenya Power"], 200, 3_000, 3, false, null),
        new("Card payment", "shopping", ["Jumia Kenya", "Naivas Online", "Glovo"], 500, 12_000, 4, false, "CRD"),
        new("M-Pesa received", "transfers", People, 100, 9_000, 17, true, "S"),
        new("Till receipts", "sales", ["Lipa na M-Pesa till 778812"], 500, 15_000, 18, true, null),
    ];

    public static List<BenchTransaction> Generate(int count)
    {
        var random = new Random(100_000);
        var totalWeight = Kinds.Sum(k => k.Weight);
        var history = new List<BenchTransaction>(count) { new(Start, 150_000.00m, "Opening balance", "opening", null, null) };
        var balance = history[0].Amount;
        var at = Start;
        // Rent on the 1st at 08:00 and salary on the 25th at 09:00, Nairobi time.
        var month = new DateTimeOffset(Start.Year, Start.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var nextRent = month.AddMonths(1).AddHours(5);
        var nextSalary = month.AddDays(24).AddHours(6) is var salary && salary > Start ? salary : salary.AddMonths(1);

        void Add(BenchTransaction line)
        {
            history.Add(line);
            balance += line.Amount;
        }

        while (history.Count < count)
        {
            at = NextWakingMinute(random, at);
            if (nextRent <= at)
            {
                Add(new(nextRent, -45_000.00m, "Rent", "housing", null, "Kilimani Heights Apartments"));
                nextRent = nextRent.AddMonths(1);
                continue;
            }

            if (nextSalary <= at)
            {
                Add(new(nextSalary, 185_000.00m, "Salary", "income", $"SAL{nextSalary:yyyyMM}", "Savannah Logistics Ltd"));
                nextSalary = nextSalary.AddMonths(1);
                continue;
            }

            var kind = Pick(random, totalWeight);
            var amount = random.Next(kind.Min * 100, kind.Max * 100) / 100m;
            if (!kind.Credit && amount > balance - Floor)
            {
                // Never overdrawn, rent always covered: a spend the balance cannot spare becomes money in.
                kind = Kinds.First(k => k.Credit);
            }

            Add(new(at, kind.Credit ? amount : -amount, kind.Description, kind.Category, Reference(random, kind.ReferencePrefix),
                kind.Counterparties[random.Next(kind.Counterparties.Length)]));
        }

        // Generated in booking order already; the running balances are worked out from this order.
        return history;
    }

    /// <summary>A few minutes later, skipping the night (22:00 to 06:00 in Nairobi).</summary>
    private static DateTimeOffset NextWakingMinute(Random random, DateTimeOffset after)
    {
        var next = after.AddSeconds(random.Next(60, 1_380));
        var local = next.ToOffset(EastAfrica);
        if (local.Hour is >= 22 or < 6)
        {
            var morning = new DateTimeOffset(local.Date, EastAfrica).AddHours(local.Hour >= 22 ? 30 : 6);
            next = morning.AddSeconds(random.Next(0, 1_800)).ToUniversalTime();
        }

        return next.ToUniversalTime();
    }

    private static Kind Pick(Random random, int totalWeight)
    {
        var ticket = random.Next(totalWeight);
        foreach (var kind in Kinds)
        {
            if ((ticket -= kind.Weight) < 0)
            {
                return kind;
            }
        }

        return Kinds[^1];
    }

    private static string? Reference(Random random, string? prefix)
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
        return prefix is null
            ? null
            : prefix + string.Concat(Enumerable.Range(0, 10 - prefix.Length).Select(_ => Alphabet[random.Next(Alphabet.Length)]));
    }
}
