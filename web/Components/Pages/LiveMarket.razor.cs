using Plan2.Web.Components.Shared;
using Plan2.Web.Services;

namespace Plan2.Web.Components.Pages;

/// <summary>Live quotes and feed health on the first page.</summary>
public partial class LiveMarket
{
    private static string Colour(QuoteRow row) => row.Direction switch
    {
        > 0 => "color: #2e7d32",
        < 0 => "color: #c62828",
        _ => "",
    };
}
