using System.Globalization;

namespace Plan2.Web.Services.Trading;

/// <summary>
/// Lots as every trading panel writes them: two decimals at least (MT5's usual step), more only when the amount has
/// them. Raw decimals kept the scale of their arithmetic: the blotter read "0.2" beside the position's "0.20".
/// </summary>
public static class LotsText
{
    public static string Of(decimal lots) => lots.ToString("#,0.00##", CultureInfo.InvariantCulture);
}
