using Plan2.Core.MarketData;

namespace Plan2.Core.Tests.Indicators;

/// <summary>
/// Each indicator recomputed from scratch for every bar, written as plainly as the textbook formula and in
/// decimal, so flat windows come out exact. The regression tests hold the incremental classes to these.
/// NaN marks a bar where the indicator is not defined yet.
/// </summary>
internal static class BatchIndicators
{
    public static decimal[] Closes(Candle[] bars) => Array.ConvertAll(bars, b => b.Close.ToDecimal());

    public static double[] Sma(decimal[] x, int n)
    {
        var result = Undefined(x.Length);
        for (var i = n - 1; i < x.Length; i++)
        {
            var sum = 0m;
            for (var j = i - n + 1; j <= i; j++)
                sum += x[j];
            result[i] = (double)(sum / n);
        }
        return result;
    }

    public static double[] Ema(decimal[] x, int n) => Defined(EmaValues(x, n, start: 0), firstIndex: n - 1);

    /// <summary>EMA seeded by the SMA of x[start .. start+n−1]; entries before that stay 0.</summary>
    private static decimal[] EmaValues(decimal[] x, int n, int start)
    {
        var ema = new decimal[x.Length];
        var alpha = 2m / (n + 1);
        var seed = start + n - 1;
        for (var i = seed; i < x.Length; i++)
        {
            if (i == seed)
            {
                for (var j = start; j <= i; j++)
                    ema[i] += x[j];
                ema[i] /= n;
            }
            else
            {
                ema[i] = ema[i - 1] + alpha * (x[i] - ema[i - 1]);
            }
        }
        return ema;
    }

    public static double[] Rsi(decimal[] c, int n)
    {
        var result = Undefined(c.Length);
        decimal gain = 0, loss = 0;
        for (var i = 1; i < c.Length; i++)
        {
            var change = c[i] - c[i - 1];
            var up = Math.Max(change, 0);
            var down = Math.Max(-change, 0);
            if (i <= n)
            {
                gain += up / n;
                loss += down / n;
            }
            else
            {
                gain = (gain * (n - 1) + up) / n;
                loss = (loss * (n - 1) + down) / n;
            }
            if (i >= n)
                result[i] = gain + loss == 0 ? 50 : (double)(100 * gain / (gain + loss));
        }
        return result;
    }

    public static (double[] Line, double[] Signal, double[] Histogram) Macd(decimal[] c, int fast, int slow, int signal)
    {
        var fastEma = EmaValues(c, fast, start: 0);
        var slowEma = EmaValues(c, slow, start: 0);
        var line = new decimal[c.Length];
        for (var i = slow - 1; i < c.Length; i++)
            line[i] = fastEma[i] - slowEma[i];
        var signalLine = EmaValues(line, signal, start: slow - 1);
        var histogram = new decimal[c.Length];
        for (var i = 0; i < c.Length; i++)
            histogram[i] = line[i] - signalLine[i];
        var signalStart = slow + signal - 2;
        return (Defined(line, slow - 1), Defined(signalLine, signalStart), Defined(histogram, signalStart));
    }

    public static (double[] Upper, double[] Middle, double[] Lower) Bollinger(decimal[] c, int n, double k)
    {
        var (upper, middle, lower) = (Undefined(c.Length), Undefined(c.Length), Undefined(c.Length));
        for (var i = n - 1; i < c.Length; i++)
        {
            decimal sum = 0, squares = 0;
            for (var j = i - n + 1; j <= i; j++)
                sum += c[j];
            var mean = sum / n;
            for (var j = i - n + 1; j <= i; j++)
                squares += (c[j] - mean) * (c[j] - mean);
            var sigma = Math.Sqrt((double)(squares / n));
            (upper[i], middle[i], lower[i]) = ((double)mean + k * sigma, (double)mean, (double)mean - k * sigma);
        }
        return (upper, middle, lower);
    }

    public static double[] Atr(Candle[] bars, int n)
    {
        var result = Undefined(bars.Length);
        decimal atr = 0;
        for (var i = 0; i < bars.Length; i++)
        {
            var tr = i == 0 ? High(bars[i]) - Low(bars[i]) : TrueRange(bars[i], bars[i - 1]);
            atr = i < n ? atr + tr / n : (atr * (n - 1) + tr) / n;
            if (i >= n - 1)
                result[i] = (double)atr;
        }
        return result;
    }

    public static (double[] K, double[] D) Stochastic(Candle[] bars, int n, int smooth, int dPeriod)
    {
        var fastK = new decimal[bars.Length];
        var slowK = new decimal[bars.Length];
        var (k, d) = (Undefined(bars.Length), Undefined(bars.Length));
        for (var i = n - 1; i < bars.Length; i++)
        {
            var (highest, lowest) = Extremes(bars, i - n + 1, i);
            fastK[i] = highest == lowest ? 50 : 100 * (Close(bars[i]) - lowest) / (highest - lowest);
            if (i < n + smooth - 2)
                continue;
            slowK[i] = Mean(fastK, i - smooth + 1, i);
            k[i] = (double)slowK[i];
            if (i >= n + smooth + dPeriod - 3)
                d[i] = (double)Mean(slowK, i - dPeriod + 1, i);
        }
        return (k, d);
    }

    public static double[] WilliamsR(Candle[] bars, int n)
    {
        var result = Undefined(bars.Length);
        for (var i = n - 1; i < bars.Length; i++)
        {
            var (highest, lowest) = Extremes(bars, i - n + 1, i);
            result[i] = highest == lowest ? -50 : (double)(-100 * (highest - Close(bars[i])) / (highest - lowest));
        }
        return result;
    }

    public static double[] Cci(Candle[] bars, int n)
    {
        // Works on H + L + C (three times the typical price): exact in decimal, and the factor cancels.
        var result = Undefined(bars.Length);
        for (var i = n - 1; i < bars.Length; i++)
        {
            decimal sum = 0, deviation = 0;
            for (var j = i - n + 1; j <= i; j++)
                sum += Typical3(bars[j]);
            var mean = sum / n;
            for (var j = i - n + 1; j <= i; j++)
                deviation += Math.Abs(Typical3(bars[j]) - mean);
            deviation /= n;
            result[i] = deviation == 0 ? 0 : (double)((Typical3(bars[i]) - mean) / (0.015m * deviation));
        }
        return result;
    }

    public static (double[] Adx, double[] PlusDi, double[] MinusDi) Adx(Candle[] bars, int n)
    {
        var (adx, plusDi, minusDi) = (Undefined(bars.Length), Undefined(bars.Length), Undefined(bars.Length));
        decimal tr = 0, plus = 0, minus = 0, adxValue = 0;
        for (var i = 1; i < bars.Length; i++)
        {
            var up = High(bars[i]) - High(bars[i - 1]);
            var down = Low(bars[i - 1]) - Low(bars[i]);
            var plusDm = up > down && up > 0 ? up : 0;
            var minusDm = down > up && down > 0 ? down : 0;
            var range = TrueRange(bars[i], bars[i - 1]);
            if (i <= n)
                (tr, plus, minus) = (tr + range / n, plus + plusDm / n, minus + minusDm / n);
            else
                (tr, plus, minus) = ((tr * (n - 1) + range) / n, (plus * (n - 1) + plusDm) / n, (minus * (n - 1) + minusDm) / n);
            if (i < n)
                continue;
            var pdi = tr == 0 ? 0 : 100 * plus / tr;
            var mdi = tr == 0 ? 0 : 100 * minus / tr;
            var dx = pdi + mdi == 0 ? 0 : 100 * Math.Abs(pdi - mdi) / (pdi + mdi);
            adxValue = i < 2 * n ? adxValue + dx / n : (adxValue * (n - 1) + dx) / n;
            (plusDi[i], minusDi[i]) = ((double)pdi, (double)mdi);
            if (i >= 2 * n - 1)
                adx[i] = (double)adxValue;
        }
        return (adx, plusDi, minusDi);
    }

    private static double[] Undefined(int length) => Enumerable.Repeat(double.NaN, length).ToArray();

    private static double[] Defined(decimal[] values, int firstIndex)
    {
        var result = Undefined(values.Length);
        for (var i = firstIndex; i < values.Length; i++)
            result[i] = (double)values[i];
        return result;
    }

    private static decimal High(Candle bar) => bar.High.ToDecimal();

    private static decimal Low(Candle bar) => bar.Low.ToDecimal();

    private static decimal Close(Candle bar) => bar.Close.ToDecimal();

    private static decimal Typical3(Candle bar) => High(bar) + Low(bar) + Close(bar);

    private static decimal TrueRange(Candle bar, Candle previous) =>
        Math.Max(High(bar) - Low(bar), Math.Max(Math.Abs(High(bar) - Close(previous)), Math.Abs(Low(bar) - Close(previous))));

    private static (decimal Highest, decimal Lowest) Extremes(Candle[] bars, int from, int to)
    {
        var (highest, lowest) = (High(bars[from]), Low(bars[from]));
        for (var j = from + 1; j <= to; j++)
            (highest, lowest) = (Math.Max(highest, High(bars[j])), Math.Min(lowest, Low(bars[j])));
        return (highest, lowest);
    }

    private static decimal Mean(decimal[] x, int from, int to)
    {
        var sum = 0m;
        for (var j = from; j <= to; j++)
            sum += x[j];
        return sum / (to - from + 1);
    }
}
