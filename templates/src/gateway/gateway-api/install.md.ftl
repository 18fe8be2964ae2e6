<#-- INSTALL.md steps of a Gateway API Gateway, whose Deployment Istio creates. -->
<#import "/lib/mounts.ftl" as mounts>
<#macro fileRow>
| `${sh(c.files.mount)}` | ConfigMap with the options of the Deployment Istio runs for the Gateway: it mounts <@mounts.what/> |
</#macro>
<#macro mountCommands>
kubectl apply -f ${sh(c.files.mount)}
kubectl --namespace ${sh(c.gateway.namespace)} patch gateway ${sh(c.gateway.name)} \
  --type merge --patch ${sh(c.gateway.parametersRefPatch)}
<@mounts.rollout/>
</#macro>
<#macro mountNote>
If the Gateway already has a `spec.infrastructure.parametersRef`, merge the `deployment` patch of
`${sh(c.files.mount)}` into the ConfigMap it names instead of replacing the reference. A GitOps
controller that owns the Gateway reverts the patch: put the reference in the Gateway's own manifest.
</#macro>
<#macro unmountCommands>
kubectl --namespace ${sh(c.gateway.namespace)} patch gateway ${sh(c.gateway.name)} \
  --type json --patch '[{"op":"remove","path":"/spec/infrastructure/parametersRef"}]'
<@mounts.rollout/>
</#macro>
