<#-- INSTALL.md lines of the ext-proc transport. -->
<#macro fileRow>
| `${sh(c.files.filter)}` | EnvoyFilter that inserts Envoy's ext_proc filter, in observability mode, first in the gateway's HTTP chain |
</#macro>
<#macro filterName>envoy.filters.http.ext_proc</#macro>
<#macro statsCheck>
ext_proc streams: `streams_started` and `stream_msgs_sent` grow with traffic; `streams_failed` and
`failure_mode_allowed` count transactions the node did not get:

```sh
kubectl --namespace ${sh(c.gateway.namespace)} exec "$GATEWAY_POD" -c istio-proxy -- \
  pilot-agent request GET stats | grep -E 'ext_proc\.(streams_started|stream_msgs_sent|streams_failed|failure_mode_allowed)'
```
</#macro>
