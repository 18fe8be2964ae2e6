<#-- INSTALL.md lines of the lua transport. -->
<#macro fileRow>
<#if c.lua.trafficExtension>
| `${sh(c.files.filter)}` | TrafficExtension that runs the Lua filter after the gateway's authentication, authorization and stats filters<#if c.lua.inline>; the modules travel inside it</#if> |
<#else>
| `${sh(c.files.filter)}` | EnvoyFilter that inserts the Lua filter just before the router<#if c.lua.inline>; the modules travel inside it</#if> |
</#if>
</#macro>
<#macro counters>
Lua errors: `errors` counts transactions the script failed to copy (the gateway's log says why, at
most once a second per worker); it should stay 0:

```sh
envoy stats?filter=${sh(c.stats.filterQuery)}
```
</#macro>
<#macro streamingNote>
A transaction is sent once both its request and its response have ended. A response that does not end
within 30 seconds (server-sent events, WebSockets, gRPC streams, long downloads) is never sent: its
request is sent alone then. Exclude such paths with `capture.excludePaths` if the node should not
count them as unanswered.
</#macro>
