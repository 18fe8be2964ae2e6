<#-- INSTALL.md lines of the ext-proc transport. -->
<#macro fileRow>
| `${sh(c.files.filter)}` | EnvoyFilter that inserts Envoy's ext_proc filter, in observability mode, first in the gateway's HTTP chain |
</#macro>
<#macro counters>
ext_proc streams: `streams_started` and `stream_msgs_sent` grow with traffic; `streams_failed` and
`failure_mode_allowed` count transactions the node did not get (ext_proc fails open):

```sh
envoy stats?filter=${sh(c.stats.filterQuery)}
```
</#macro>
<#macro streamingNote>
Envoy streams each transaction to the node as it happens, one gRPC stream per request, open as long as
the response is (server-sent events, WebSockets and gRPC streams included): each such request holds one
stream on the node's cluster, which the circuit breakers bound.
</#macro>
