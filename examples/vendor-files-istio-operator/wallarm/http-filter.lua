-- Stand-in for the vendor's filter script: it loads its two modules with require, as the vendor's
-- does, and hands every request to them.
local rrasync = require("rrasync")

function envoy_on_request(request_handle)
  rrasync.request(request_handle, "wallarm_cluster")
end

function envoy_on_response(response_handle)
  rrasync.response(response_handle, "wallarm_cluster")
end
