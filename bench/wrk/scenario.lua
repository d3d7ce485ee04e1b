-- One wrk scenario, chosen by $SCENARIO, over the seeded users listed in $USERS_FILE
-- (lines: "user_id token id,id,..."). Users and tasks are drawn at random, with a
-- seed per thread, so that two threads never toggle the same task in lockstep.
-- `mixed` draws each request's kind: 40 % list, 40 % get, 15 % toggle, 5 % create
-- (bench/run's pgbench mix uses the same weights).
local scenario = os.getenv("SCENARIO") or "list"
local users = {}

for line in io.lines(os.getenv("USERS_FILE")) do
  local user, token, ids = line:match("^(%S+) (%S+) (%S+)$")
  if user then
    local list = {}
    for id in ids:gmatch("%d+") do list[#list + 1] = id end
    users[#users + 1] = { path = "/api/" .. user .. "/tasks", auth = "Bearer " .. token, ids = list }
  end
end

local create_body = '{"title":"bench task","description":"created under load"}'

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(seed or 1)
end

local function kind()
  if scenario ~= "mixed" then return scenario end
  local roll = math.random(100)
  if roll <= 40 then return "list" elseif roll <= 80 then return "get"
  elseif roll <= 95 then return "toggle" else return "create" end
end

function request()
  local u = users[math.random(#users)]
  local id = u.ids[math.random(#u.ids)]
  local headers = { ["Authorization"] = u.auth }
  local k = kind()
  if k == "list" then
    return wrk.format("GET", u.path .. "?limit=20", headers)
  elseif k == "search" then
    return wrk.format("GET", u.path .. "?q=milk&status=pending&sort=title&limit=20", headers)
  elseif k == "get" then
    return wrk.format("GET", u.path .. "/" .. id, headers)
  elseif k == "toggle" then
    return wrk.format("PATCH", u.path .. "/" .. id .. "/complete", headers)
  elseif k == "create" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", u.path, headers, create_body)
  end
  error("unknown scenario " .. scenario)
end

-- One line for bench/run: requests, req/s, p50 and p99 in ms, and errors (answers
-- of 400 and more, and socket errors: connect, read, write, timeout).
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("BENCH %d %.1f %.2f %.2f %d\n", summary.requests,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, e.status + e.connect + e.read + e.write + e.timeout))
end
