-- wrk script for the soak: cycles through the main read routes of every tab. Arguments: session ids to open.
local paths = {}
local sessions = {}

function init(args)
  sessions = args
  paths = {
    "/api/v1/status",
    "/api/v1/sessions?limit=25",
    "/api/v1/sessions?platform=telegram&sort=cost",
    "/api/v1/sessions/search?q=disk",
    "/api/v1/sessions/stats",
    "/api/v1/logs?file=agent&limit=100",
    "/api/v1/logs?file=agent&level=WARNING&q=timeout",
    "/api/v1/analytics/usage?days=30",
    "/api/v1/analytics/models?days=90",
    "/api/v1/config",
    "/api/v1/keys",
    "/api/v1/cron/jobs",
    "/api/v1/skills",
    "/api/v1/approvals",
    "/api/v1/audit?limit=20",
  }
end

local counter = 0

request = function()
  counter = counter + 1
  local index = counter % (#paths + 2)
  if index >= #paths and #sessions > 0 then
    local id = sessions[(counter % #sessions) + 1]
    if index == #paths then return wrk.format(nil, "/api/v1/sessions/" .. id) end
    return wrk.format(nil, "/api/v1/sessions/" .. id .. "/messages?limit=100")
  end
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
