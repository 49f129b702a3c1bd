-- wrk script: every request gets its own query string, so no answer cache can serve it.
local threads = 0

function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

local counter = 0

request = function()
  counter = counter + 1
  return wrk.format(nil, wrk.path .. "&uncached=" .. id .. "-" .. counter)
end
