-- wrk's script for the gateway benchmarks (bench/lib/load.sh): POSTs $WRK_BODY with $WRK_KEY as a bearer key.
-- With WRK_RATE set, the thread's connections send WRK_RATE requests per second in all, one every 1/WRK_RATE s on
-- a schedule they share (a connection whose answer is in takes the next free moment, never one already past), so
-- requests are spread evenly in time instead of in bursts; without it, each connection sends again at once.
-- Ends with one line: "requests N non2xx N socket N rps R p50 US p90 US p99 US p999 US max US": answers other than
-- 2xx/3xx, socket errors (connect, read, write, timeout), and latency from a request's first byte written to its
-- answer's last byte read.
local rate = tonumber(os.getenv("WRK_RATE") or "")

function init(args)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_KEY")
    wrk.body = os.getenv("WRK_BODY")
end

if rate then
    -- wrk paces only through delay() (milliseconds before a connection's next request), and Lua has no clock finer
    -- than a second: LuaJIT's FFI reads the monotonic clock.
    local ffi = require("ffi")
    ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } tally_timespec;
    int clock_gettime(int clock_id, tally_timespec *tp);
    ]]
    local CLOCK_MONOTONIC = 1
    local ts = ffi.new("tally_timespec")
    local interval = 1000 / rate
    local next_at

    local function now_ms()
        ffi.C.clock_gettime(CLOCK_MONOTONIC, ts)
        return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
    end

    function delay()
        local now = now_ms()
        next_at = math.max((next_at or now) + interval, now)
        return next_at - now
    end
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("requests %d non2xx %d socket %d rps %.0f p50 %d p90 %d p99 %d p999 %d max %d\n",
        summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
