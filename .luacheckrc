-- luacheck configuration for the Lua connector (templates/src/lua) and the filter scripts meshmirror
-- renders; LuaLintTest runs luacheck with this file in every `mvn verify`.
std = "luajit"
-- Envoy calls these two functions of a filter script by name.
globals = { "envoy_on_request", "envoy_on_response" }
codes = true
