<#-- INSTALL.md lines of the lua transport. -->
<#macro fileRow>
<#if c.lua.trafficExtension>
| `${sh(c.files.filter)}` | TrafficExtension that runs the Lua filter at the end of the gateway's HTTP chain<#if c.lua.inline>; the modules travel inside it</#if> |
<#else>
| `${sh(c.files.filter)}` | EnvoyFilter that inserts the Lua filter just before the router<#if c.lua.inline>; the modules travel inside it</#if> |
</#if>
</#macro>
<#macro filterName>envoy.filters.http.lua</#macro>
<#macro statsCheck>
Lua script errors (each one a transaction not mirrored; the gateway logs say why, rate-limited):

```sh
kubectl --namespace ${sh(c.gateway.namespace)} exec "$GATEWAY_POD" -c istio-proxy -- \
  pilot-agent request GET stats | grep -E 'lua.*errors'
```

Each mirrored transaction is one call on the node's cluster: `upstream_rq_total` grows with traffic;
`upstream_rq_timeout` and `upstream_rq_pending_overflow` (the circuit breakers) count calls the node
did not get. A call the node refuses with a gRPC error still counts as a `2xx` here: the node's log
below says whether it took them.

```sh
kubectl --namespace ${sh(c.gateway.namespace)} exec "$GATEWAY_POD" -c istio-proxy -- \
  pilot-agent request GET stats | grep ${sh(c.cluster.statsGrep)} \
  | grep -E 'upstream_rq_(total|timeout|pending_overflow)'
```
</#macro>
