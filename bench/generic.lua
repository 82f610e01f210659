-- wrk script: POST /webhooks/generic with a unique eventId per request and a ~600-byte body.
-- Each wrk thread numbers its own requests; the thread id keeps ids unique across threads and runs.
local counter = 0
local thread_id = 0
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local token = os.getenv("BENCH_TOKEN") or "bench-token"
local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = thread_id or 0
end

local template = [[{"eventId":"%s","type":"confirmed","occurredAt":"2026-11-29T09:15:00Z","venueId":"bench-venue","bookingId":"%s","arrival":"2027-03-27","departure":"2027-03-30","room":"1204","kind":"stay","guest":{"name":"Benchmark Guest Number %s","email":"bench.guest.%s@example.org","phone":"+33612345678","language":"fr"},"padding":"%s"}]]
local padding = string.rep("p", 180)

function request()
  counter = counter + 1
  local id = run .. "-" .. thread_id .. "-" .. counter
  local body = string.format(template, id, "BK-" .. id, counter, counter, padding)
  return wrk.format("POST", "/webhooks/generic", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token
  }, body)
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = summary.requests
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s = %.0f/s; non-2xx: %d; socket errors: %d\n",
    total, seconds, total / seconds, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
  io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
