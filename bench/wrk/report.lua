-- wrk script of bench/harness/scrape.py: prints the run's figures as one "BENCH_JSON {...}" line
-- (latency percentiles in microseconds, for the table and the plot). Environment:
--   WRK_ACCEPT           Accept header to send (empty: none, as plain wrk)
--   WRK_ACCEPT_ENCODING  Accept-Encoding header to send (empty: none; Prometheus sends "gzip")

local accept = os.getenv("WRK_ACCEPT") or ""
local accept_encoding = os.getenv("WRK_ACCEPT_ENCODING") or ""

if accept ~= "" then
  wrk.headers["Accept"] = accept
end
if accept_encoding ~= "" then
  wrk.headers["Accept-Encoding"] = accept_encoding
end

local function percentiles(latency)
  local points = {}
  local list = {}
  for p = 1, 99 do list[#list + 1] = p end
  for _, p in ipairs({99.5, 99.9, 99.99, 100}) do list[#list + 1] = p end
  for _, p in ipairs(list) do
    points[#points + 1] = string.format('"%s": %d', tostring(p), latency:percentile(p))
  end
  return "{" .. table.concat(points, ", ") .. "}"
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, '
      .. '"write": %d, "status": %d, "timeout": %d}, "latency_us": {"min": %d, "max": %d, "mean": %.1f, '
      .. '"stdev": %.1f, "percentiles": %s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.max, latency.mean, latency.stdev, percentiles(latency)))
end
