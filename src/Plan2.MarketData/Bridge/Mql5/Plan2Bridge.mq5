//+------------------------------------------------------------------+
//| Plan2Bridge.mq5                                                  |
//| Streams every tick of the listed symbols to the Plan2 bridge     |
//| server and executes the orders it sends. Wire format: ../PROTOCOL.md,
//| version 4 (falls back to 3, 2, then 1, for an older server). After |
//| every WELCOME the server asks for a trade snapshot (pending       |
//| orders, positions, deals since its cursor) to reconcile. Orders   |
//| may be stop-limit, DAY/GTD (ORDER_TIME_*), IOC/FOK (market orders, |
//| ORDER_FILLING_*); the server cancels (TRADE_ACTION_REMOVE) and    |
//| modifies (TRADE_ACTION_MODIFY) pending orders; deals carry their  |
//| commission, swap and fee; ORDER_EVENT reports a stop-limit that   |
//| triggered and an order canceled or expired here. Tick and deal    |
//| times go out in UTC: the trade server's offset is measured before |
//| every poll (TimeTradeServer - TimeGMT, to the quarter hour), so a |
//| daylight-saving switch is followed. Its C# twin, BridgeClient.cs, speaks the same bytes and |
//| is what the tests run (MetaEditor is Windows-only): change both.  |
//|                                                                  |
//| Install: allow the server address under Tools > Options >        |
//| Expert Advisors > "Allow WebRequest for listed URL" (127.0.0.1   |
//| too), enable algo trading, attach to any chart. No sockets in    |
//| the Strategy Tester.                                             |
//+------------------------------------------------------------------+
#property copyright "Plan2"
#property version   "4.00"
#property description "Plan2 MT5 bridge: every tick out in UTC, orders in (cancel, modify, stop-limit, time in force), deals with costs, trade snapshots (protocol v4)"

#include <Trade\Trade.mqh>

input string InpHost       = "127.0.0.1";     // Bridge server address
input int    InpPort       = 5710;            // Bridge server port
input string InpToken      = "";              // Shared secret (BridgeServerOptions.AuthToken)
input string InpSymbols    = "EURUSD,GBPUSD"; // Symbols to stream, comma-separated
input int    InpTimerMs    = 20;              // Timer period: polling, reading, batching
input int    InpMaxBatch   = 1000;            // Ticks per TICKS frame (the server's limit wins if lower)
input int    InpHistory    = 200000;          // Resend buffer per symbol, in ticks
input long   InpMagic      = 20261129;        // Magic number of our orders
input int    InpConnectMs  = 3000;            // SocketConnect timeout

//--- protocol constants (PROTOCOL.md section 2)
#define P2_VERSION        4               // the newest version we speak; g_version is the one in use
#define P2_CLOCK_VERSION  2               // first version with CLOCK
#define P2_SNAPSHOT_VERSION 3             // first version with SNAPSHOT_REQUEST / TRADE_SNAPSHOT
#define P2_TRADING_VERSION 4              // first version with CANCEL, MODIFY, REQUEST_RESULT, ORDER_EVENT, costs on FILL
#define OFFSET_STEP_S     900             // broker offsets are whole quarter hours
#define P2_HEADER         16
#define P2_TICKS_PREAMBLE 16
#define P2_TICK_RECORD    24
#define T_HELLO           1
#define T_WELCOME         2
#define T_REJECT          3
#define T_HEARTBEAT       4
#define T_TICKS           5
#define T_ACK             6
#define T_RESEND          7
#define T_TICKS_LOST      8
#define T_ORDER           9
#define T_ORDER_RESULT    10
#define T_FILL            11
#define T_CLOCK           12
#define T_SNAPSHOT_REQUEST 13
#define T_TRADE_SNAPSHOT  14
#define T_CANCEL          15
#define T_MODIFY          16
#define T_REQUEST_RESULT  17
#define T_ORDER_EVENT     18
#define EV_TRIGGERED      1
#define EV_CANCELED       2
#define EV_EXPIRED        3
#define STOP_LIMIT_MAP    256
#define MAX_SNAPSHOT_DEALS 1000
#define MAX_SNAPSHOT_BYTES 250000         // under the server's 256 KiB payload limit
#define MAX_INCOMING      1048576
#define TX_FLUSH_AT       262144
#define TICKET_MAP_SIZE   4096
#define MAX_PENDING_FILLS 1024

//--- one symbol: its collection cursor, its sequence and its resend ring
struct SymState
  {
   string            name;
   long              lastMsc;     // time_msc of the newest collected tick
   int               sameMsCount; // collected ticks sharing lastMsc: skipped on the next CopyTicks
   long              lastSeq;     // sequence of the newest collected tick (0 = none)
   long              sentSeq;     // last sequence sent on this connection
   long              resendUpTo;  // sequences <= this go out with the "resent" flag
   long              ackedSeq;
   long              times[];     // ring: slot = sequence % InpHistory
   double            bids[];
   double            asks[];
  };

struct Blob
  {
   int               type;        // T_FILL or T_ORDER_EVENT
   int               version;     // the protocol version its layout was built for
   uchar             b[];
  };

union P2Double
  {
   double            d;
   long              l;
  };

SymState g_s[];
int      g_nsym = 0;
int      g_sock = INVALID_HANDLE;
bool     g_welcomed = false;
ulong    g_session = 0;
string   g_terminal = "";
ulong    g_txSeq = 0;            // frame_seq of our last frame on this connection
ulong    g_rxSeq = 0;            // frame_seq of the server's last frame
uchar    g_tx[];
int      g_txLen = 0;
uchar    g_rx[];
int      g_rxLen = 0;
ulong    g_lastSendMs = 0;
ulong    g_lastRecvMs = 0;
ulong    g_connectedAtMs = 0;
ulong    g_nextConnectMs = 0;
int      g_backoffMs = 1000;
int      g_hbIntervalMs = 1000;
int      g_hbTimeoutMs = 10000;
int      g_maxBatch = 1000;
int      g_version = P2_VERSION;
long     g_offsetMs = 0;             // trade server time - UTC, subtracted from every time sent
bool     g_clockDue = false;         // CLOCK goes out before the next ticks
ulong    g_tickets[TICKET_MAP_SIZE]; // order ticket -> our client order id (ring)
string   g_ids[TICKET_MAP_SIZE];
int      g_ticketNext = 0;
Blob     g_pendingFills[];           // FILL and ORDER_EVENT payloads made while disconnected, in order
ulong    g_stopLimits[STOP_LIMIT_MAP]; // our stop-limit tickets not yet triggered (ring)
int      g_stopLimitNext = 0;
CTrade   g_trade;

//+------------------------------------------------------------------+
//| Little-endian packing (the terminal runs on x86: the union gives  |
//| the IEEE-754 bits, the shifts fix the byte order explicitly).     |
//+------------------------------------------------------------------+
void PutU8(uchar &b[], int &pos, const uint v)  { b[pos++] = (uchar)(v & 0xFF); }
void PutU16(uchar &b[], int &pos, const uint v) { b[pos++] = (uchar)(v & 0xFF); b[pos++] = (uchar)((v >> 8) & 0xFF); }
void PutU32(uchar &b[], int &pos, const uint v) { for(int i = 0; i < 4; i++) b[pos++] = (uchar)((v >> (8 * i)) & 0xFF); }
void PutI64(uchar &b[], int &pos, const long v) { for(int i = 0; i < 8; i++) b[pos++] = (uchar)((v >> (8 * i)) & 0xFF); }
void PutU64(uchar &b[], int &pos, const ulong v) { for(int i = 0; i < 8; i++) b[pos++] = (uchar)((v >> (8 * i)) & 0xFF); }
void PutF64(uchar &b[], int &pos, const double v) { P2Double u; u.d = v; PutI64(b, pos, u.l); }

int Utf8(const string s, uchar &out[])
  {
   int n = StringToCharArray(s, out, 0, WHOLE_ARRAY, CP_UTF8);
   if(n > 0 && out[n - 1] == 0)
      n--;                        // StringToCharArray counts the terminating zero; the wire has none
   return MathMax(n, 0);
  }

void PutStr(uchar &b[], int &pos, const string s)
  {
   uchar tmp[];
   int n = Utf8(s, tmp);
   PutU16(b, pos, n);
   if(n > 0)
      ArrayCopy(b, tmp, pos, 0, n);
   pos += n;
  }

int StrSize(const string s) { uchar tmp[]; return 2 + Utf8(s, tmp); }

uint   GetU16(const uchar &b[], const int p) { return (uint)b[p] | ((uint)b[p + 1] << 8); }
uint   GetU32(const uchar &b[], const int p) { return (uint)b[p] | ((uint)b[p + 1] << 8) | ((uint)b[p + 2] << 16) | ((uint)b[p + 3] << 24); }
long   GetI64(const uchar &b[], const int p) { long v = 0; for(int i = 7; i >= 0; i--) v = (v << 8) | (long)b[p + i]; return v; }
double GetF64(const uchar &b[], const int p) { P2Double u; u.l = GetI64(b, p); return u.d; }

//--- reads a str field; ok turns false when it overruns the payload
string GetStr(const uchar &b[], int &p, const int end, bool &ok)
  {
   if(!ok || p + 2 > end) { ok = false; return ""; }
   int n = (int)GetU16(b, p);
   p += 2;
   if(p + n > end) { ok = false; return ""; }
   string s = (n == 0) ? "" : CharArrayToString(b, p, n, CP_UTF8);
   p += n;
   return s;
  }

long MinL(const long a, const long b) { return a < b ? a : b; }
long MaxL(const long a, const long b) { return a > b ? a : b; }

//+------------------------------------------------------------------+
//| Frame assembly into g_tx; FlushTx sends it all.                   |
//+------------------------------------------------------------------+
void EnsureTx(const int extra)
  {
   if(ArraySize(g_tx) < g_txLen + extra)
      ArrayResize(g_tx, g_txLen + extra + 65536);
  }

//--- writes the 16-byte header (PROTOCOL.md section 2); the payload follows at the returned offset
int BeginFrame(const int type, const int payloadLen)
  {
   EnsureTx(P2_HEADER + payloadLen);
   int p = g_txLen;
   PutU8(g_tx, p, 0x50);          // 'P'
   PutU8(g_tx, p, 0x32);          // '2'
   PutU8(g_tx, p, g_version);
   PutU8(g_tx, p, type);
   PutU32(g_tx, p, payloadLen);
   PutU64(g_tx, p, ++g_txSeq);
   return p;
  }

void EndFrame(const int start, const int end, const int payloadLen)
  {
   if(end - start != payloadLen)
      Print("Plan2Bridge: BUG frame size ", end - start, " != ", payloadLen);
   g_txLen = end;
  }

bool FlushTx()
  {
   int off = 0;
   while(off < g_txLen)
     {
      uchar part[];
      int n = g_txLen - off;
      if(off > 0)
        {
         ArrayCopy(part, g_tx, 0, off, n);
        }
      int sent = (off == 0) ? SocketSend(g_sock, g_tx, n) : SocketSend(g_sock, part, n);
      if(sent <= 0)
        {
         Print("Plan2Bridge: send failed, error ", GetLastError());
         g_txLen = 0;
         Disconnect("send failed");
         return false;
        }
      off += sent;
     }
   g_txLen = 0;
   g_lastSendMs = GetTickCount64();
   return true;
  }

//+------------------------------------------------------------------+
//| Frames the EA sends. Each is the twin of a C# encoder.           |
//+------------------------------------------------------------------+
//--- FRAME: HELLO (twin: HelloMessage.Write)
void SendHello()
  {
   int len = 8 + 8 + StrSize(InpToken) + StrSize(g_terminal) + 2;
   for(int i = 0; i < g_nsym; i++)
      len += StrSize(g_s[i].name);
   int start = BeginFrame(T_HELLO, len);
   int p = start;
   PutU64(g_tx, p, g_session);
   PutI64(g_tx, p, (long)TimeGMT() * 1000);
   PutStr(g_tx, p, InpToken);
   PutStr(g_tx, p, g_terminal);
   PutU16(g_tx, p, g_nsym);
   for(int i = 0; i < g_nsym; i++)
      PutStr(g_tx, p, g_s[i].name);
   EndFrame(start, p, len);
   FlushTx();
  }

//--- FRAME: HEARTBEAT (twin: HeartbeatMessage.Write)
void SendHeartbeat()
  {
   int start = BeginFrame(T_HEARTBEAT, 8);
   int p = start;
   PutI64(g_tx, p, (long)TimeGMT() * 1000);
   EndFrame(start, p, 8);
   FlushTx();
  }

//--- FRAME: CLOCK, v2 (twin: ClockMessage.Write via BridgeClient.ClockNow)
void AppendClockFrame()
  {
   int start = BeginFrame(T_CLOCK, 24);
   int p = start;
   PutI64(g_tx, p, g_offsetMs);
   PutI64(g_tx, p, (long)TimeGMT() * 1000);
   PutI64(g_tx, p, (long)TimeTradeServer() * 1000);
   EndFrame(start, p, 24);
  }

//--- FRAME: TICKS (twin: BridgeClient.EncodeTicks + TickHistory.WriteRecords)
void AppendTicksFrame(const int i, const long from, const int count)
  {
   int len = P2_TICKS_PREAMBLE + P2_TICK_RECORD * count;
   int start = BeginFrame(T_TICKS, len);
   int p = start;
   PutU16(g_tx, p, i);
   PutU16(g_tx, p, from <= g_s[i].resendUpTo ? 1 : 0);
   PutU32(g_tx, p, count);
   PutI64(g_tx, p, from);
   for(int k = 0; k < count; k++)
     {
      int slot = (int)((from + k) % InpHistory);
      PutI64(g_tx, p, g_s[i].times[slot]);
      PutF64(g_tx, p, g_s[i].bids[slot]);
      PutF64(g_tx, p, g_s[i].asks[slot]);
     }
   EndFrame(start, p, len);
  }

//--- FRAME: TICKS_LOST (twin: TicksLostMessage.Write)
void AppendTicksLost(const int i, const long from, const long next)
  {
   int start = BeginFrame(T_TICKS_LOST, 24);
   int p = start;
   PutU16(g_tx, p, i);
   PutU16(g_tx, p, 0);
   PutU32(g_tx, p, 0);
   PutI64(g_tx, p, from);
   PutI64(g_tx, p, next);
   EndFrame(start, p, 24);
  }

//--- FRAME: ORDER_RESULT (twin: OrderResultMessage.Write)
void SendOrderResult(const string id, const string sym, const uint retcode, const ulong order, const ulong deal,
                     const double price, const double volume, string message)
  {
   if(StringLen(message) > 200)
      message = StringSubstr(message, 0, 200);
   int len = 40 + StrSize(id) + StrSize(sym) + StrSize(message);
   int start = BeginFrame(T_ORDER_RESULT, len);
   int p = start;
   PutU32(g_tx, p, retcode);
   PutU32(g_tx, p, 0);
   PutU64(g_tx, p, order);
   PutU64(g_tx, p, deal);
   PutF64(g_tx, p, price);
   PutF64(g_tx, p, volume);
   PutStr(g_tx, p, id);
   PutStr(g_tx, p, sym);
   PutStr(g_tx, p, message);
   EndFrame(start, p, len);
   FlushTx();
  }

//--- FRAME: FILL payload (twin: FillMessage.Write); framed when sent, so it can wait for a connection
void BuildFillPayload(uchar &b[], const ulong deal, const ulong order, const ulong position, const long timeMsc,
                      const double price, const double volume, const int side, const string id, const string sym,
                      const double commission, const double swap, const double fee)
  {
   bool costs = g_version >= P2_TRADING_VERSION;   // v4: DEAL_COMMISSION, DEAL_SWAP, DEAL_FEE as MT5 reports them
   int len = (costs ? 80 : 56) + StrSize(id) + StrSize(sym);
   ArrayResize(b, len);
   int p = 0;
   PutU64(b, p, deal);
   PutU64(b, p, order);
   PutU64(b, p, position);
   PutI64(b, p, timeMsc);
   PutF64(b, p, price);
   PutF64(b, p, volume);
   PutU8(b, p, side);
   PutU8(b, p, 0);
   PutU16(b, p, 0);
   PutU32(b, p, 0);
   if(costs)
     {
      PutF64(b, p, commission);
      PutF64(b, p, swap);
      PutF64(b, p, fee);
     }
   PutStr(b, p, id);
   PutStr(b, p, sym);
  }

//--- FRAME: ORDER_EVENT payload (twin: OrderEventMessage.Write), v4
void BuildOrderEventPayload(uchar &b[], const int kind, const ulong order, const long timeMsc, const double volumeLeft,
                            const string id, const string sym, string message)
  {
   if(StringLen(message) > 200)
      message = StringSubstr(message, 0, 200);
   int len = 32 + StrSize(id) + StrSize(sym) + StrSize(message);
   ArrayResize(b, len);
   int p = 0;
   PutU64(b, p, order);
   PutI64(b, p, timeMsc);
   PutF64(b, p, volumeLeft);
   PutU8(b, p, kind);
   PutU8(b, p, 0);
   PutU16(b, p, 0);
   PutU32(b, p, 0);
   PutStr(b, p, id);
   PutStr(b, p, sym);
   PutStr(b, p, message);
  }

void AppendReportFrame(const int type, const uchar &payload[])
  {
   int len = ArraySize(payload);
   int start = BeginFrame(type, len);
   ArrayCopy(g_tx, payload, start, 0, len);
   EndFrame(start, start + len, len);
  }

//--- a FILL or ORDER_EVENT: sent now, or queued (in order) until the next WELCOME
void SendOrQueueReport(Blob &r)
  {
   r.version = g_version;
   if(g_welcomed)
     {
      AppendReportFrame(r.type, r.b);
      FlushTx();
      return;
     }
   int k = ArraySize(g_pendingFills);
   if(k >= MAX_PENDING_FILLS)
     {
      Print("Plan2Bridge: report queue full, one report not forwarded (the next snapshot recovers deals)");
      return;
     }
   ArrayResize(g_pendingFills, k + 1);
   g_pendingFills[k].type = r.type;
   g_pendingFills[k].version = r.version;
   ArrayCopy(g_pendingFills[k].b, r.b);
  }

//--- FRAME: REQUEST_RESULT (twin: RequestResultMessage.Write), v4
void SendRequestResult(const int action, const uint retcode, const ulong order, const string id, string message)
  {
   if(StringLen(message) > 200)
      message = StringSubstr(message, 0, 200);
   int len = 16 + StrSize(id) + StrSize(message);
   int start = BeginFrame(T_REQUEST_RESULT, len);
   int p = start;
   PutU8(g_tx, p, action);
   PutU8(g_tx, p, 0);
   PutU16(g_tx, p, 0);
   PutU32(g_tx, p, retcode);
   PutU64(g_tx, p, order);
   PutStr(g_tx, p, id);
   PutStr(g_tx, p, message);
   EndFrame(start, p, len);
   FlushTx();
  }

//+------------------------------------------------------------------+
//| Broker time (twin: BridgeClient.MeasureBrokerOffset): time_msc is |
//| the trade server's clock, brokers run UTC+2/+3 with DST. Rounded  |
//| to the quarter hour, halves away from zero, in integers.          |
//+------------------------------------------------------------------+
long RoundOffsetSeconds(const long raw)
  {
   long half = OFFSET_STEP_S / 2;
   if(raw >= 0)
      return (raw + half) / OFFSET_STEP_S * OFFSET_STEP_S;
   return -((-raw + half) / OFFSET_STEP_S * OFFSET_STEP_S);
  }

void MeasureOffset()
  {
   datetime server = TimeTradeServer();
   if(server == 0)
      return;                                      // no trade server time yet: keep the last offset
   long offset = RoundOffsetSeconds((long)server - (long)TimeGMT()) * 1000;
   if(offset == g_offsetMs)
      return;
   PrintFormat("Plan2Bridge: trade server clock is UTC%+.2f h; times are sent in UTC", offset / 3600000.0);
   g_offsetMs = offset;
   g_clockDue = true;
  }

//+------------------------------------------------------------------+
//| Tick collection: every tick, via CopyTicks from the last time_msc |
//| (OnTick drops events while one is queued, so it is only a trigger).|
//+------------------------------------------------------------------+
void AppendTick(const int i, const MqlTick &t)
  {
   long seq = ++g_s[i].lastSeq;
   int slot = (int)(seq % InpHistory);
   g_s[i].times[slot] = t.time_msc - g_offsetMs;    // lastMsc below stays on the server's clock: CopyTicks wants it
   g_s[i].bids[slot] = t.bid;
   g_s[i].asks[slot] = t.ask;
   if(t.time_msc == g_s[i].lastMsc)
      g_s[i].sameMsCount++;
   else
     {
      g_s[i].lastMsc = t.time_msc;
      g_s[i].sameMsCount = 1;
     }
  }

void PollTicks()
  {
   MeasureOffset();
   for(int i = 0; i < g_nsym; i++)
     {
      MqlTick ticks[];
      int n = CopyTicks(g_s[i].name, ticks, COPY_TICKS_ALL, (ulong)g_s[i].lastMsc, 50000);
      if(n <= 0)
         continue;
      int skipped = 0;
      for(int k = 0; k < n; k++)
        {
         if(ticks[k].time_msc < g_s[i].lastMsc)
            continue;
         // Ticks at lastMsc that were already collected come first again: count them off.
         if(ticks[k].time_msc == g_s[i].lastMsc && skipped < g_s[i].sameMsCount)
           {
            skipped++;
            continue;
           }
         AppendTick(i, ticks[k]);
        }
     }
  }

long FirstAvailable(const int i) { return MaxL(1, g_s[i].lastSeq - InpHistory + 1); }

//--- sends every collected tick not yet sent, in frames of at most g_maxBatch ticks
void SendPendingTicks()
  {
   if(!g_welcomed)
      return;
   if(g_clockDue && g_version >= P2_CLOCK_VERSION)
      AppendClockFrame();
   g_clockDue = false;
   for(int i = 0; i < g_nsym; i++)
     {
      while(g_s[i].sentSeq < g_s[i].lastSeq)
        {
         // Ticks the ring overwrote unsent are skipped; the server's gap check turns them into TICKS_LOST.
         long from = MaxL(g_s[i].sentSeq + 1, FirstAvailable(i));
         int count = (int)MinL(g_maxBatch, g_s[i].lastSeq - from + 1);
         AppendTicksFrame(i, from, count);
         g_s[i].sentSeq = from + count - 1;
         if(g_txLen >= TX_FLUSH_AT && !FlushTx())
            return;
        }
     }
   if(g_txLen > 0)
      FlushTx();
  }

//--- WELCOME's next_seq and RESEND_REQUEST both land here (twin: BridgeClient.ResendAsync/RewindLocked)
void RewindTo(const int i, long from)
  {
   long first = FirstAvailable(i);
   if(from < first && from <= g_s[i].lastSeq)
     {
      AppendTicksLost(i, from, first);
      from = first;
     }
   from = MaxL(1, MinL(from, g_s[i].lastSeq + 1));
   g_s[i].resendUpTo = MaxL(g_s[i].resendUpTo, g_s[i].sentSeq);
   g_s[i].sentSeq = from - 1;
  }

//+------------------------------------------------------------------+
//| Orders: one ORDER, one synchronous ORDER_RESULT with the ticket.  |
//+------------------------------------------------------------------+
void MapTicket(const ulong ticket, const string id)
  {
   g_tickets[g_ticketNext] = ticket;
   g_ids[g_ticketNext] = id;
   g_ticketNext = (g_ticketNext + 1) % TICKET_MAP_SIZE;
  }

string LookupTicket(const ulong ticket)
  {
   for(int k = 0; k < TICKET_MAP_SIZE; k++)
      if(g_tickets[k] == ticket && ticket != 0)
         return g_ids[k];
   return "";
  }

//--- our client order id of an order ticket: the map first (it survives reconnects, not an EA restart),
//--- else the comment of an order with our magic (we write the id there, cut to 31 characters; the
//--- server may cut it further). Calls HistoryOrderSelect: never while iterating a selected history.
string ClientIdOf(const ulong orderTicket)
  {
   string id = LookupTicket(orderTicket);
   if(id != "" || orderTicket == 0)
      return id;
   if(OrderSelect(orderTicket))
      return OrderGetInteger(ORDER_MAGIC) == InpMagic ? OrderGetString(ORDER_COMMENT) : "";
   if(HistoryOrderSelect(orderTicket) && HistoryOrderGetInteger(orderTicket, ORDER_MAGIC) == InpMagic)
      return HistoryOrderGetString(orderTicket, ORDER_COMMENT);
   return "";
  }

//--- ORDER's time in force (v4) to MT5: ORDER_TIME_* for pending orders, ORDER_FILLING_* for market ones.
//--- Each only where the symbol allows it; otherwise the retcode MT5 itself would give, without sending.
uint CheckTimeInForce(const string sym, const int type, const int tif, const long expirationUtcMs)
  {
   long expiryModes = SymbolInfoInteger(sym, SYMBOL_EXPIRATION_MODE);
   long fillModes = SymbolInfoInteger(sym, SYMBOL_FILLING_MODE);
   if(tif < 1 || tif > 5)
      return 10013;
   if(type == 1)
     {
      if(tif == 4 && (fillModes & SYMBOL_FILLING_IOC) == 0)
         return 10030;                              // TRADE_RETCODE_INVALID_FILL
      if(tif == 5 && (fillModes & SYMBOL_FILLING_FOK) == 0)
         return 10030;
      return 0;                                     // a market order's DAY/GTD means nothing: it fills or fails now
     }
   if(tif == 4 || tif == 5)
      return 10030;                                 // IOC/FOK on a resting order: not offered (the server refuses it first)
   if(tif == 2 && (expiryModes & SYMBOL_EXPIRATION_DAY) == 0)
      return 10022;                                 // TRADE_RETCODE_INVALID_EXPIRATION
   if(tif == 3 && ((expiryModes & SYMBOL_EXPIRATION_SPECIFIED) == 0 || expirationUtcMs <= 0))
      return 10022;
   return 0;
  }

ENUM_ORDER_TYPE_TIME TypeTime(const int tif) { return tif == 2 ? ORDER_TIME_DAY : (tif == 3 ? ORDER_TIME_SPECIFIED : ORDER_TIME_GTC); }

//--- a UTC expiry (ms) on the trade server's clock, which MqlTradeRequest.expiration is
datetime ServerExpiration(const long utcMs) { return utcMs <= 0 ? 0 : (datetime)((utcMs + g_offsetMs) / 1000); }

void NoteStopLimit(const ulong ticket)
  {
   g_stopLimits[g_stopLimitNext] = ticket;
   g_stopLimitNext = (g_stopLimitNext + 1) % STOP_LIMIT_MAP;
  }

bool TakeStopLimit(const ulong ticket)
  {
   for(int k = 0; k < STOP_LIMIT_MAP; k++)
      if(g_stopLimits[k] == ticket && ticket != 0)
        {
         g_stopLimits[k] = 0;
         return true;
        }
   return false;
  }

void HandleOrder(const int p0, const int end)
  {
   bool v4 = g_version >= P2_TRADING_VERSION;
   int fixed = v4 ? 56 : 40;
   if(end - p0 < fixed)
     {
      Disconnect("malformed ORDER");
      return;
     }
   int side = g_rx[p0];
   int type = g_rx[p0 + 1];
   int tif = v4 ? g_rx[p0 + 2] : 1;
   uint deviation = GetU32(g_rx, p0 + 4);
   double volume = GetF64(g_rx, p0 + 8);
   double price = GetF64(g_rx, p0 + 16);
   double sl = GetF64(g_rx, p0 + 24);
   double tp = GetF64(g_rx, p0 + 32);
   double stopLimit = v4 ? GetF64(g_rx, p0 + 40) : 0.0;
   long expirationMs = v4 ? GetI64(g_rx, p0 + 48) : 0;
   int p = p0 + fixed;
   bool ok = true;
   string id = GetStr(g_rx, p, end, ok);
   string sym = GetStr(g_rx, p, end, ok);
   if(!ok || p != end)
     {
      Disconnect("malformed ORDER");
      return;
     }
   if((side != 1 && side != 2) || type < 1 || type > (v4 ? 4 : 3))
     {
      SendOrderResult(id, sym, 10013, 0, 0, 0, 0, "unknown side or order type");
      return;
     }
   SymbolSelect(sym, true);
   uint refused = CheckTimeInForce(sym, type, tif, expirationMs);
   if(refused != 0)
     {
      SendOrderResult(id, sym, refused, 0, 0, 0, 0, "time in force not allowed for this order or symbol");
      return;
     }
   g_trade.SetExpertMagicNumber((ulong)InpMagic);
   g_trade.SetDeviationInPoints(deviation);
   if(type == 1 && tif == 4)
      g_trade.SetTypeFilling(ORDER_FILLING_IOC);
   else
      if(type == 1 && tif == 5)
         g_trade.SetTypeFilling(ORDER_FILLING_FOK);
      else
         if(!g_trade.SetTypeFillingBySymbol(sym))
            Print("Plan2Bridge: no filling mode for ", sym);
   string comment = StringSubstr(id, 0, 31);   // the server may cut it; the ticket map is what counts
   ENUM_ORDER_TYPE_TIME typeTime = TypeTime(tif);
   datetime expiration = tif == 3 ? ServerExpiration(expirationMs) : 0;
   bool sent;
   if(type == 1)
      sent = (side == 1) ? g_trade.Buy(volume, sym, 0.0, sl, tp, comment) : g_trade.Sell(volume, sym, 0.0, sl, tp, comment);
   else
      if(type == 2)
         sent = (side == 1) ? g_trade.BuyLimit(volume, price, sym, sl, tp, typeTime, expiration, comment)
                            : g_trade.SellLimit(volume, price, sym, sl, tp, typeTime, expiration, comment);
      else
         if(type == 3)
            sent = (side == 1) ? g_trade.BuyStop(volume, price, sym, sl, tp, typeTime, expiration, comment)
                               : g_trade.SellStop(volume, price, sym, sl, tp, typeTime, expiration, comment);
         else                                      // stop-limit: request.price = stop, request.stoplimit = limit
            sent = g_trade.OrderOpen(sym, side == 1 ? ORDER_TYPE_BUY_STOP_LIMIT : ORDER_TYPE_SELL_STOP_LIMIT, volume, stopLimit, price,
                                     sl, tp, typeTime, expiration, comment);
   // true from CTrade only means "request checked and sent": the retcode decides.
   uint rc = g_trade.ResultRetcode();
   ulong ticket = g_trade.ResultOrder();
   if(!sent && rc == 0)
      rc = 10013;                                // refused before reaching the server (CTrade's own checks)
   if((rc == 10008 || rc == 10009 || rc == 10010) && ticket != 0)
     {
      MapTicket(ticket, id);
      if(type == 4)
         NoteStopLimit(ticket);
     }
   SendOrderResult(id, sym, rc, ticket, g_trade.ResultDeal(), g_trade.ResultPrice(), g_trade.ResultVolume(),
                   g_trade.ResultRetcodeDescription() + " " + g_trade.ResultComment());
  }

//--- our pending order, or why it is not one: the retcode and words the twin uses (TwinTradeServer.NoSuchOrder)
uint OurPendingOrder(const ulong ticket, string &why)
  {
   if(ticket == 0 || !OrderSelect(ticket))
     {
      why = "order not found: it is no longer pending";
      return 10013;
     }
   if(OrderGetInteger(ORDER_MAGIC) != InpMagic)
     {
      why = "not an order of this bridge";
      return 10013;
     }
   return 0;
  }

//--- CANCEL (v4): OrderSend(TRADE_ACTION_REMOVE); one REQUEST_RESULT. The order's HISTORY_ADD then reports it canceled.
void HandleCancel(const int p0, const int end)
  {
   if(end - p0 < 8)
     {
      Disconnect("malformed CANCEL");
      return;
     }
   ulong ticket = (ulong)GetI64(g_rx, p0);
   int p = p0 + 8;
   bool ok = true;
   string id = GetStr(g_rx, p, end, ok);
   string sym = GetStr(g_rx, p, end, ok);
   if(!ok || p != end)
     {
      Disconnect("malformed CANCEL");
      return;
     }
   string why = "";
   uint rc = OurPendingOrder(ticket, why);
   if(rc == 0)
     {
      MqlTradeRequest req;
      MqlTradeResult res;
      ZeroMemory(req);
      ZeroMemory(res);
      req.action = TRADE_ACTION_REMOVE;
      req.order = ticket;
      bool sent = OrderSend(req, res);
      rc = (!sent && res.retcode == 0) ? 10013 : res.retcode;
      why = res.comment;
     }
   SendRequestResult(1, rc, ticket, id, why);
  }

//--- MODIFY (v4): OrderSend(TRADE_ACTION_MODIFY) with the new prices and expiry; MT5 cannot change a pending order's volume.
void HandleModify(const int p0, const int end)
  {
   if(end - p0 < 56)
     {
      Disconnect("malformed MODIFY");
      return;
     }
   ulong ticket = (ulong)GetI64(g_rx, p0);
   double price = GetF64(g_rx, p0 + 8);
   double stopLimit = GetF64(g_rx, p0 + 16);
   double sl = GetF64(g_rx, p0 + 24);
   double tp = GetF64(g_rx, p0 + 32);
   long expirationMs = GetI64(g_rx, p0 + 40);
   int tif = g_rx[p0 + 48];
   int p = p0 + 56;
   bool ok = true;
   string id = GetStr(g_rx, p, end, ok);
   string sym = GetStr(g_rx, p, end, ok);
   if(!ok || p != end)
     {
      Disconnect("malformed MODIFY");
      return;
     }
   string why = "";
   uint rc = OurPendingOrder(ticket, why);
   if(rc == 0)
      rc = CheckTimeInForce(OrderGetString(ORDER_SYMBOL), 2, tif, expirationMs);   // as any pending order
   if(rc == 0)
     {
      MqlTradeRequest req;
      MqlTradeResult res;
      ZeroMemory(req);
      ZeroMemory(res);
      req.action = TRADE_ACTION_MODIFY;
      req.order = ticket;
      req.symbol = OrderGetString(ORDER_SYMBOL);
      req.price = price;
      req.stoplimit = stopLimit;
      req.sl = sl;
      req.tp = tp;
      req.type_time = TypeTime(tif);
      req.expiration = tif == 3 ? ServerExpiration(expirationMs) : 0;
      bool sent = OrderSend(req, res);
      rc = (!sent && res.retcode == 0) ? 10013 : res.retcode;
      why = res.comment;
     }
   else
      if(why == "")
         why = "time in force not allowed for this order or symbol";
   SendRequestResult(2, rc, ticket, id, why);
  }

//+------------------------------------------------------------------+
//| Reconciliation: TRADE_SNAPSHOT (twin: TwinTradeServer.Snapshot +  |
//| TradeSnapshotMessage.Write). Login, pending orders, positions and |
//| the deals at or after the requested UTC time, oldest first.       |
//+------------------------------------------------------------------+
void Ensure(uchar &b[], const int need)
  {
   if(ArraySize(b) < need)
      ArrayResize(b, need + 8192);
  }

void SendTradeSnapshot(const long sinceUtcMs)
  {
   uchar b[];
   ArrayResize(b, 8192);
   int p = 32;                                   // login, times, counts and flags go in front once known
   int nOrders = 0, nPositions = 0, nDeals = 0;
   bool truncated = false;
   //--- pending orders (the bridge places market, limit, stop and, from v4, stop-limit orders)
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong ticket = OrderGetTicket(i);
      if(ticket == 0)
         continue;
      long t = OrderGetInteger(ORDER_TYPE);
      int side = (t == ORDER_TYPE_BUY_LIMIT || t == ORDER_TYPE_BUY_STOP || t == ORDER_TYPE_BUY || t == ORDER_TYPE_BUY_STOP_LIMIT) ? 1
                 : ((t == ORDER_TYPE_SELL_LIMIT || t == ORDER_TYPE_SELL_STOP || t == ORDER_TYPE_SELL || t == ORDER_TYPE_SELL_STOP_LIMIT) ? 2 : 0);
      int type = (t == ORDER_TYPE_BUY_LIMIT || t == ORDER_TYPE_SELL_LIMIT) ? 2
                 : ((t == ORDER_TYPE_BUY_STOP || t == ORDER_TYPE_SELL_STOP) ? 3
                    : ((t == ORDER_TYPE_BUY_STOP_LIMIT || t == ORDER_TYPE_SELL_STOP_LIMIT) ? 4 : 1));
      if(type == 4 && g_version < P2_TRADING_VERSION)
         type = 3;                                  // a v3 server knows no stop-limit; it matches orders by ticket anyway
      if(side == 0)
         continue;
      double vInit = OrderGetDouble(ORDER_VOLUME_INITIAL);
      double vCur = OrderGetDouble(ORDER_VOLUME_CURRENT);
      double price = OrderGetDouble(ORDER_PRICE_OPEN);
      string sym = OrderGetString(ORDER_SYMBOL);
      string id = ClientIdOf(ticket);
      Ensure(b, p + 40 + StrSize(id) + StrSize(sym));
      PutU64(b, p, ticket);
      PutF64(b, p, vInit);
      PutF64(b, p, vCur);
      PutF64(b, p, price);
      PutU8(b, p, side);
      PutU8(b, p, type);
      PutU16(b, p, 0);
      PutU32(b, p, 0);
      PutStr(b, p, id);
      PutStr(b, p, sym);
      nOrders++;
     }
   //--- open positions
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0)
         continue;
      string sym = PositionGetString(POSITION_SYMBOL);
      Ensure(b, p + 32 + StrSize(sym));
      PutU64(b, p, ticket);
      PutF64(b, p, PositionGetDouble(POSITION_VOLUME));
      PutF64(b, p, PositionGetDouble(POSITION_PRICE_OPEN));
      PutU8(b, p, PositionGetInteger(POSITION_TYPE) == POSITION_TYPE_BUY ? 1 : 2);
      PutU8(b, p, 0);
      PutU16(b, p, 0);
      PutU32(b, p, 0);
      PutStr(b, p, sym);
      nPositions++;
     }
   //--- deals: copy the selected history first; resolving ids may select other history and clear it
   ulong dTicket[], dOrder[], dPos[];
   long dTime[];
   double dPrice[], dVol[], dComm[], dSwap[], dFee[];
   int dSide[];
   string dSym[];
   int n = 0;
   datetime from = (datetime)((sinceUtcMs + g_offsetMs) / 1000);   // trade server clock, rounded down: none missed
   if(HistorySelect(from, TimeTradeServer() + 86400))
     {
      int total = HistoryDealsTotal();
      for(int i = 0; i < total; i++)
        {
         ulong deal = HistoryDealGetTicket(i);
         if(deal == 0)
            continue;
         long dt = HistoryDealGetInteger(deal, DEAL_TYPE);
         int side = (dt == DEAL_TYPE_BUY) ? 1 : (dt == DEAL_TYPE_SELL ? 2 : 0);
         long timeMsc = HistoryDealGetInteger(deal, DEAL_TIME_MSC) - g_offsetMs;   // server clock to UTC
         if(side == 0 || timeMsc < sinceUtcMs)
            continue;
         if(n >= MAX_SNAPSHOT_DEALS)
           {
            truncated = true;
            break;
           }
         ArrayResize(dTicket, n + 1); ArrayResize(dOrder, n + 1); ArrayResize(dPos, n + 1); ArrayResize(dTime, n + 1);
         ArrayResize(dPrice, n + 1); ArrayResize(dVol, n + 1); ArrayResize(dSide, n + 1); ArrayResize(dSym, n + 1);
         ArrayResize(dComm, n + 1); ArrayResize(dSwap, n + 1); ArrayResize(dFee, n + 1);
         dTicket[n] = deal;
         dOrder[n] = (ulong)HistoryDealGetInteger(deal, DEAL_ORDER);
         dPos[n] = (ulong)HistoryDealGetInteger(deal, DEAL_POSITION_ID);
         dTime[n] = timeMsc;
         dPrice[n] = HistoryDealGetDouble(deal, DEAL_PRICE);
         dVol[n] = HistoryDealGetDouble(deal, DEAL_VOLUME);
         dSide[n] = side;
         dSym[n] = HistoryDealGetString(deal, DEAL_SYMBOL);
         dComm[n] = HistoryDealGetDouble(deal, DEAL_COMMISSION);
         dSwap[n] = HistoryDealGetDouble(deal, DEAL_SWAP);
         dFee[n] = HistoryDealGetDouble(deal, DEAL_FEE);
         n++;
        }
     }
   for(int k = 0; k < n; k++)
     {
      uchar fill[];
      BuildFillPayload(fill, dTicket[k], dOrder[k], dPos[k], dTime[k], dPrice[k], dVol[k], dSide[k], ClientIdOf(dOrder[k]), dSym[k],
                       dComm[k], dSwap[k], dFee[k]);
      int size = ArraySize(fill);
      if(p + size > MAX_SNAPSHOT_BYTES)
        {
         truncated = true;                        // the server applies these and asks again from the last one
         break;
        }
      Ensure(b, p + size);
      ArrayCopy(b, fill, p, 0, size);
      p += size;
      nDeals++;
     }
   int q = 0;
   PutU64(b, q, (ulong)AccountInfoInteger(ACCOUNT_LOGIN));
   PutI64(b, q, (long)TimeGMT() * 1000);
   PutI64(b, q, sinceUtcMs);
   PutU16(b, q, nOrders);
   PutU16(b, q, nPositions);
   PutU16(b, q, nDeals);
   PutU16(b, q, truncated ? 1 : 0);
   int start = BeginFrame(T_TRADE_SNAPSHOT, p);
   ArrayCopy(g_tx, b, start, 0, p);
   EndFrame(start, start + p, p);
   FlushTx();
   PrintFormat("Plan2Bridge: trade snapshot sent: %d orders, %d positions, %d deals%s", nOrders, nPositions, nDeals, truncated ? " (truncated)" : "");
  }

//+------------------------------------------------------------------+
//| Reading: SocketIsReadable may say 1 with nothing there, so reads  |
//| use a short timeout (0 would wait 120 s).                         |
//+------------------------------------------------------------------+
bool ReadSocket()
  {
   while(true)
     {
      uint avail = SocketIsReadable(g_sock);
      if(avail == 0)
         return SocketIsConnected(g_sock);
      uchar tmp[];
      int n = SocketRead(g_sock, tmp, avail, 5);
      if(n <= 0)
         return SocketIsConnected(g_sock);
      if(g_rxLen + n > MAX_INCOMING + P2_HEADER)
        {
         Disconnect("server frame too large");
         return false;
        }
      if(ArraySize(g_rx) < g_rxLen + n)
         ArrayResize(g_rx, g_rxLen + n + 65536);
      ArrayCopy(g_rx, tmp, g_rxLen, 0, n);
      g_rxLen += n;
      if(n < (int)avail)
         return true;
     }
   return true;
  }

void ParseFrames()
  {
   int off = 0;
   while(g_sock != INVALID_HANDLE && g_rxLen - off >= P2_HEADER)
     {
      int type = g_rx[off + 3];
      // REJECT has one layout in every version: read it whatever version the server speaks.
      if(g_rx[off] != 0x50 || g_rx[off + 1] != 0x32 || (g_rx[off + 2] != g_version && type != T_REJECT))
        {
         Disconnect(StringFormat("server sent a frame that is not protocol v%d", g_version));
         return;
        }
      uint len = GetU32(g_rx, off + 4);
      if(len > MAX_INCOMING)
        {
         Disconnect("server frame too large");
         return;
        }
      if(g_rxLen - off < P2_HEADER + (int)len)
         break;
      ulong seq = (ulong)GetI64(g_rx, off + 8);
      if(seq != g_rxSeq + 1)
        {
         Disconnect("server frame sequence broken");
         return;
        }
      g_rxSeq = seq;
      g_lastRecvMs = GetTickCount64();
      HandleFrame(type, off + P2_HEADER, off + P2_HEADER + (int)len);
      off += P2_HEADER + (int)len;
     }
   if(g_sock == INVALID_HANDLE)
      return;
   if(off > 0)
     {
      // Through a copy: ArrayCopy onto the same array is not documented for overlapping ranges.
      if(g_rxLen > off)
        {
         uchar rest[];
         ArrayCopy(rest, g_rx, 0, off, g_rxLen - off);
         ArrayCopy(g_rx, rest, 0, 0, g_rxLen - off);
        }
      g_rxLen -= off;
     }
  }

void HandleFrame(const int type, const int p, const int end)
  {
   if(type == T_WELCOME && !g_welcomed)
     {
      // FRAME READ: WELCOME (twin: WelcomeMessage.Read)
      if(end - p != 18 + 8 * g_nsym || (int)GetU16(g_rx, p + 16) != g_nsym)
        {
         Disconnect("malformed WELCOME");
         return;
        }
      g_hbIntervalMs = (int)GetU32(g_rx, p);
      g_hbTimeoutMs = (int)GetU32(g_rx, p + 4);
      g_maxBatch = (int)MinL(InpMaxBatch, GetU32(g_rx, p + 8));
      g_maxBatch = (int)MaxL(1, g_maxBatch);
      for(int i = 0; i < g_nsym; i++)
         RewindTo(i, GetI64(g_rx, p + 18 + 8 * i));
      g_welcomed = true;
      g_clockDue = true;
      g_backoffMs = 1000;
      for(int f = 0; f < ArraySize(g_pendingFills); f++)
         if(g_pendingFills[f].version == g_version)  // built for another version (we fell back): the snapshot brings those deals
            AppendReportFrame(g_pendingFills[f].type, g_pendingFills[f].b);
      ArrayResize(g_pendingFills, 0);
      PrintFormat("Plan2Bridge: connected to %s:%d as %s", InpHost, InpPort, g_terminal);
      SendPendingTicks();
      return;
     }
   if(type == T_REJECT && end - p >= 4)
     {
      // FRAME READ: REJECT (twin: RejectMessage.Read); the server closes right after
      int q = p + 4;
      bool ok = true;
      string message = GetStr(g_rx, q, end, ok);
      uint reason = GetU16(g_rx, p);
      PrintFormat("Plan2Bridge: rejected, reason %u: %s", reason, message);
      int serverVersion = g_rx[p + 2];
      if(reason == 2 && serverVersion >= 1 && serverVersion < g_version)
        {
         g_version = serverVersion;                // an older server: speak its version (no CLOCK; times stay UTC)
         g_backoffMs = 1000;
        }
      else
         if(reason == 3 || reason == 2)
            g_backoffMs = 60000;                   // wrong token or version: retrying fast will not help
      Disconnect("rejected");
      return;
     }
   if(!g_welcomed)
     {
      Disconnect("frame before WELCOME");
      return;
     }
   if(type == T_HEARTBEAT)
      return;
   if(type == T_ACK && end - p == 16)
     {
      int i = (int)GetU16(g_rx, p);
      if(i < g_nsym)
         g_s[i].ackedSeq = MaxL(g_s[i].ackedSeq, GetI64(g_rx, p + 8));
      return;
     }
   if(type == T_RESEND && end - p == 24)
     {
      // FRAME READ: RESEND_REQUEST; the ticks go out with the next SendPendingTicks
      int i = (int)GetU16(g_rx, p);
      if(i < g_nsym)
         RewindTo(i, GetI64(g_rx, p + 8));
      return;
     }
   if(type == T_ORDER)
     {
      HandleOrder(p, end);
      return;
     }
   if(type == T_CANCEL && g_version >= P2_TRADING_VERSION)
     {
      HandleCancel(p, end);
      return;
     }
   if(type == T_MODIFY && g_version >= P2_TRADING_VERSION)
     {
      HandleModify(p, end);
      return;
     }
   if(type == T_SNAPSHOT_REQUEST && end - p == 8 && g_version >= P2_SNAPSHOT_VERSION)
     {
      SendTradeSnapshot(GetI64(g_rx, p));
      return;
     }
   Disconnect(StringFormat("unexpected frame type %d", type));
  }

//+------------------------------------------------------------------+
//| Connection life: connect with backoff, HELLO, WELCOME, timeouts.  |
//+------------------------------------------------------------------+
void Disconnect(const string why)
  {
   if(g_sock != INVALID_HANDLE)
     {
      SocketClose(g_sock);
      PrintFormat("Plan2Bridge: disconnected (%s); retry in %d ms", why, g_backoffMs);
     }
   g_sock = INVALID_HANDLE;
   g_welcomed = false;
   g_txLen = 0;
   g_rxLen = 0;
   g_nextConnectMs = GetTickCount64() + g_backoffMs;
   g_backoffMs = (int)MinL(g_backoffMs * 2, 60000);
  }

void TryConnect()
  {
   if(g_sock != INVALID_HANDLE || GetTickCount64() < g_nextConnectMs)
      return;
   g_sock = SocketCreate();
   if(g_sock == INVALID_HANDLE)
     {
      Disconnect("SocketCreate failed: " + IntegerToString(GetLastError()));
      return;
     }
   if(!SocketConnect(g_sock, InpHost, InpPort, InpConnectMs))
     {
      Disconnect("SocketConnect failed: " + IntegerToString(GetLastError()));
      return;
     }
   SocketTimeouts(g_sock, 5000, 5);
   g_txSeq = 0;
   g_rxSeq = 0;
   g_connectedAtMs = GetTickCount64();
   g_lastRecvMs = g_connectedAtMs;
   SendHello();
  }

void Service()
  {
   TryConnect();
   if(g_sock == INVALID_HANDLE)
      return;
   if(!ReadSocket())
     {
      Disconnect("connection lost");
      return;
     }
   ParseFrames();
   if(g_sock == INVALID_HANDLE)
      return;
   ulong now = GetTickCount64();
   if(!g_welcomed && now - g_connectedAtMs > 10000)
     {
      Disconnect("no WELCOME");
      return;
     }
   if(now - g_lastRecvMs > (ulong)g_hbTimeoutMs)
     {
      Disconnect("server silent");
      return;
     }
   SendPendingTicks();
   if(g_sock != INVALID_HANDLE && g_welcomed && now - g_lastSendMs >= (ulong)g_hbIntervalMs)
      SendHeartbeat();
  }

//+------------------------------------------------------------------+
int OnInit()
  {
   string parts[];
   int n = StringSplit(InpSymbols, ',', parts);
   if(n <= 0 || InpHistory < 1000 || InpToken == "")
     {
      Print("Plan2Bridge: set InpToken and at least one symbol; InpHistory >= 1000");
      return INIT_PARAMETERS_INCORRECT;
     }
   ArrayResize(g_s, n);
   g_nsym = 0;
   for(int k = 0; k < n; k++)
     {
      string name = parts[k];
      StringTrimLeft(name);
      StringTrimRight(name);
      if(name == "" || !SymbolSelect(name, true))
        {
         Print("Plan2Bridge: unknown symbol '", name, "'");
         return INIT_PARAMETERS_INCORRECT;
        }
      int i = g_nsym++;
      g_s[i].name = name;
      g_s[i].lastSeq = 0;
      g_s[i].sentSeq = 0;
      g_s[i].resendUpTo = 0;
      g_s[i].ackedSeq = 0;
      ArrayResize(g_s[i].times, InpHistory);
      ArrayResize(g_s[i].bids, InpHistory);
      ArrayResize(g_s[i].asks, InpHistory);
      // Start after the current tick: count the ticks already at its millisecond so none is sent twice.
      MqlTick last;
      g_s[i].lastMsc = SymbolInfoTick(name, last) ? last.time_msc : (long)TimeCurrent() * 1000;
      g_s[i].sameMsCount = 0;
      MqlTick same[];
      int m = CopyTicks(name, same, COPY_TICKS_ALL, (ulong)g_s[i].lastMsc, 1000);
      for(int j = 0; j < m; j++)
         if(same[j].time_msc == g_s[i].lastMsc)
            g_s[i].sameMsCount++;
     }
   MathSrand((uint)GetMicrosecondCount());
   g_session = ((ulong)GetMicrosecondCount() << 24) ^ ((ulong)TimeLocal() << 8) ^ ((ulong)MathRand() << 44)
               ^ (ulong)AccountInfoInteger(ACCOUNT_LOGIN);
   if(g_session == 0)
      g_session = 1;
   g_terminal = IntegerToString(AccountInfoInteger(ACCOUNT_LOGIN)) + "@" + AccountInfoString(ACCOUNT_SERVER);
   ArrayInitialize(g_tickets, 0);
   ArrayInitialize(g_stopLimits, 0);
   g_maxBatch = InpMaxBatch;
   EventSetMillisecondTimer(MathMax(InpTimerMs, 10));
   return INIT_SUCCEEDED;
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   if(g_sock != INVALID_HANDLE)
      SocketClose(g_sock);
   g_sock = INVALID_HANDLE;
  }

void OnTick()
  {
   PollTicks();
   if(g_welcomed)
      SendPendingTicks();
  }

void OnTimer()
  {
   PollTicks();
   Service();
  }

//--- one deal of ours or not, with its costs, as FILL: sent now or queued
void ReportDeal(const ulong deal, const ulong order, const ulong position, const double price, const double volume, const int side,
                const string sym)
  {
   long timeMsc = 0;
   double commission = 0, swap = 0, fee = 0;
   if(HistoryDealSelect(deal))
     {
      timeMsc = HistoryDealGetInteger(deal, DEAL_TIME_MSC) - g_offsetMs;   // server clock to UTC
      commission = HistoryDealGetDouble(deal, DEAL_COMMISSION);
      swap = HistoryDealGetDouble(deal, DEAL_SWAP);
      fee = HistoryDealGetDouble(deal, DEAL_FEE);
     }
   Blob fill;
   fill.type = T_FILL;
   BuildFillPayload(fill.b, deal, order, position, timeMsc, price, volume, side, ClientIdOf(order), sym, commission, swap, fee);
   SendOrQueueReport(fill);
  }

//--- an order of ours left the terminal unfilled (in part): its deals again first (transactions may come out of
//--- order; the server dedupes deals by ticket), then ORDER_EVENT, so the order is never closed before its last fill.
void ReportOrderClosed(const ulong order, const int kind, const string why)
  {
   string id = ClientIdOf(order);                  // may select other history: before HistorySelect below
   if(id == "" || !HistoryOrderSelect(order))
      return;
   double left = HistoryOrderGetDouble(order, ORDER_VOLUME_CURRENT);
   string sym = HistoryOrderGetString(order, ORDER_SYMBOL);
   long doneMsc = HistoryOrderGetInteger(order, ORDER_TIME_DONE_MSC);
   datetime setup = (datetime)HistoryOrderGetInteger(order, ORDER_TIME_SETUP);
   ulong deals[];
   int n = 0;
   if(HistorySelect(setup, TimeTradeServer() + 86400))
      for(int i = 0; i < HistoryDealsTotal(); i++)
        {
         ulong d = HistoryDealGetTicket(i);
         if(d != 0 && (ulong)HistoryDealGetInteger(d, DEAL_ORDER) == order)
           {
            ArrayResize(deals, n + 1);
            deals[n++] = d;
           }
        }
   for(int k = 0; k < n; k++)
      if(HistoryDealSelect(deals[k]))
        {
         long dt = HistoryDealGetInteger(deals[k], DEAL_TYPE);
         ReportDeal(deals[k], order, (ulong)HistoryDealGetInteger(deals[k], DEAL_POSITION_ID), HistoryDealGetDouble(deals[k], DEAL_PRICE),
                    HistoryDealGetDouble(deals[k], DEAL_VOLUME), dt == DEAL_TYPE_BUY ? 1 : 2, sym);
        }
   Blob e;
   e.type = T_ORDER_EVENT;
   BuildOrderEventPayload(e.b, kind, order, doneMsc - g_offsetMs, left, id, sym, why);
   SendOrQueueReport(e);
  }

//--- deals (resolved by the deal's order ticket) and, from v4, what happens to our pending orders here
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(trans.type == TRADE_TRANSACTION_DEAL_ADD)
     {
      int side = (trans.deal_type == DEAL_TYPE_BUY) ? 1 : (trans.deal_type == DEAL_TYPE_SELL ? 2 : 0);
      if(side != 0)                                // balance, commission and the like are not fills
         ReportDeal(trans.deal, trans.order, trans.position, trans.price, trans.volume, side, trans.symbol);
      return;
     }
   if(g_version < P2_TRADING_VERSION)
      return;                                      // v3 has no ORDER_EVENT: reconciliation closes such orders
   if(trans.type == TRADE_TRANSACTION_ORDER_UPDATE
      && (trans.order_type == ORDER_TYPE_BUY_LIMIT || trans.order_type == ORDER_TYPE_SELL_LIMIT) && TakeStopLimit(trans.order))
     {
      // our stop-limit's stop was reached: it rests as a limit at its stoplimit price, same ticket
      Blob e;
      e.type = T_ORDER_EVENT;
      BuildOrderEventPayload(e.b, EV_TRIGGERED, trans.order, (long)TimeGMT() * 1000, trans.volume, ClientIdOf(trans.order), trans.symbol,
                             "stop reached: now a limit order");
      SendOrQueueReport(e);
      return;
     }
   if(trans.type == TRADE_TRANSACTION_HISTORY_ADD)
     {
      ENUM_ORDER_STATE st = trans.order_state;
      if(st == ORDER_STATE_EXPIRED)
         ReportOrderClosed(trans.order, EV_EXPIRED, "expired at the terminal");
      else
         if(st == ORDER_STATE_CANCELED || st == ORDER_STATE_REJECTED || (st == ORDER_STATE_PARTIAL && trans.volume > 0))
            ReportOrderClosed(trans.order, EV_CANCELED, st == ORDER_STATE_REJECTED ? "rejected by the trade server"
                              : "canceled at the terminal (on request, by a person, or the unfilled rest of an IOC)");
     }
  }
//+------------------------------------------------------------------+
