-- wrk script of the load test (tests/load/run.sh): cycles through a mix of URLs on every
-- connection and counts the answers by kind. A 404 is expected only from the unknown
-- collection LOAD_404 (the problem document names it); any other status outside 200-399 is
-- unexpected. With LOAD_COOKIE set, one request of the mix carries that session cookie.
-- done() prints one line for run.sh:
--   RESULT requests=N connect=N read=N write=N timeout=N status=N expected404=N unexpected=N
-- then, when something was unexpected, the first such answer.

local paths = {
  "/api/v1/states?limit=100",
  "/api/v1/states/SAU",
  "/api/v1/summary",
  "/",
  "/static/app.js",
  "/api/v1/organs?sort=-established&limit=5",
}
local missing = os.getenv("LOAD_404") or "/api/v1/nope-load-test"
local marker = missing:match("([^/]+)$")
local cookie = os.getenv("LOAD_COOKIE")
local reqs = {}
local n = 0

expected404 = 0
unexpected = 0
firstbad = ""

function init(args)
  for _, p in ipairs(paths) do
    table.insert(reqs, wrk.format("GET", p))
  end
  table.insert(reqs, wrk.format("GET", missing))
  if cookie and cookie ~= "" then
    table.insert(reqs, wrk.format("GET", "/api/v1/states?limit=10&sort=-level", { ["Cookie"] = cookie }))
  end
end

function request()
  n = n % #reqs + 1
  return reqs[n]
end

function response(status, headers, body)
  if status == 404 and body and body:find(marker, 1, true) then
    expected404 = expected404 + 1
  elseif status < 200 or status > 399 then
    unexpected = unexpected + 1
    if firstbad == "" then
      firstbad = status .. " " .. (body or ""):sub(1, 300):gsub("\n", " ")
    end
  end
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function done(summary, latency, requests)
  local e404, bad, first = 0, 0, ""
  for _, t in ipairs(threads) do
    e404 = e404 + t:get("expected404")
    bad = bad + t:get("unexpected")
    if first == "" then first = t:get("firstbad") end
  end
  local s = summary.errors
  io.write(string.format("RESULT requests=%d connect=%d read=%d write=%d timeout=%d status=%d expected404=%d unexpected=%d p99us=%d\n",
    summary.requests, s.connect, s.read, s.write, s.timeout, s.status, e404, bad, latency:percentile(99)))
  if first ~= "" then
    io.write("FIRST " .. first .. "\n")
  end
end
