<#-- INSTALL.md steps of a Gateway API Gateway, whose Deployment Istio creates. -->
<#macro fileRow>
| `${sh(c.files.mount)}` | ConfigMap with the options of the Deployment Istio runs for the Gateway: it mounts the modules |
</#macro>
<#macro mountCommands>
kubectl apply -f ${sh(c.files.mount)}
kubectl --namespace ${sh(c.gateway.namespace)} patch gateway ${sh(c.gateway.name)} \
  --type merge --patch ${sh(c.gateway.parametersRefPatch)}
</#macro>
<#macro mountNote>
If the Gateway already has a `spec.infrastructure.parametersRef`, merge the `deployment` patch of
`${sh(c.files.mount)}` into the ConfigMap it names instead of replacing the reference.
</#macro>
