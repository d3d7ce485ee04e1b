-- One wrk scenario, chosen by $SCENARIO, spread round-robin over the seeded users
-- listed in $USERS_FILE (lines: "user_id token id,id,...").
local scenario = os.getenv("SCENARIO") or "list"
local users = {}
local counter = 0

for line in io.lines(os.getenv("USERS_FILE")) do
  local user, token, ids = line:match("^(%S+) (%S+) (%S+)$")
  if user then
    local list = {}
    for id in ids:gmatch("%d+") do list[#list + 1] = id end
    users[#users + 1] = { path = "/api/" .. user .. "/tasks", auth = "Bearer " .. token, ids = list }
  end
end

local create_body = '{"title":"bench task","description":"created under load"}'

function request()
  counter = counter + 1
  local u = users[(counter % #users) + 1]
  local id = u.ids[(counter % #u.ids) + 1]
  local headers = { ["Authorization"] = u.auth }
  if scenario == "list" then
    return wrk.format("GET", u.path .. "?limit=20", headers)
  elseif scenario == "search" then
    return wrk.format("GET", u.path .. "?q=milk&status=pending&sort=title&limit=20", headers)
  elseif scenario == "get" then
    return wrk.format("GET", u.path .. "/" .. id, headers)
  elseif scenario == "toggle" then
    return wrk.format("PATCH", u.path .. "/" .. id .. "/complete", headers)
  elseif scenario == "create" then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", u.path, headers, create_body)
  end
  error("unknown scenario " .. scenario)
end
