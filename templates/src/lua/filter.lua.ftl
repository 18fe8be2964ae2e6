-- meshmirror: the filter script of the bundled out-of-band connector. Envoy calls the two hooks at
-- the end; the work is done by the module it requires (meshmirror's ext_proc client), and every
-- setting comes from the spec.
local settings = {
  connector = ${lua(c.connector)},
  version = ${lua(c.version)},
  cluster = ${lua(c.cluster)},
  authority = ${lua(c.authority)},
  scheme = ${lua(c.scheme)},
  timeout_ms = ${lua(c.timeoutMs)},
  percent = ${lua(c.percent)},
  max_body_bytes = ${lua(c.maxBodyBytes)},
  request_body = ${lua(c.requestBody)},
  response_body = ${lua(c.responseBody)},
  exclude_paths = ${lua(c.excludePaths)},
  redact_headers = ${lua(c.redactHeaders)},
  max_pending = ${lua(c.maxPending)},
  -- One Lua state per worker and HTTP connection manager: each holds its share of the pod's memory.
  max_pending_bytes = ${lua(c.maxPendingBytes)},
  memory_per_pod = ${lua(c.memoryPerPod)},
  workers = ${lua(c.workers)},
  http_connection_managers = ${lua(c.httpConnectionManagers)},
  pending_ms = ${lua(c.pendingMs)},
}
<#if c.inline>

-- Inline delivery: the module travels inside this script, so nothing is mounted into the gateway.
package.preload[${lua(c.module)}] = function()
<#include "meshmirror_extproc.lua" parse=false>
end
</#if>

-- A module that cannot be loaded must never reject the gateway's listener: mirror nothing instead.
local loaded, connector = pcall(require, ${lua(c.module)})
local warned = false

local function unavailable(handle)
  if not warned then
    warned = true
    pcall(handle.logWarn, handle, "meshmirror: connector not loaded, nothing is mirrored: " .. tostring(connector))
  end
end

function envoy_on_request(request_handle)
  if loaded then
    connector.on_request(request_handle, settings)
  else
    unavailable(request_handle)
  end
end

function envoy_on_response(response_handle)
  if loaded then
    connector.on_response(response_handle, settings)
  end
end
