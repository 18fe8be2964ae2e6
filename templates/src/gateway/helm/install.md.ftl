<#-- INSTALL.md steps of a gateway installed with the istio/gateway Helm chart. -->
<#import "/lib/mounts.ftl" as mounts>
<#macro fileRow>
| `${sh(c.files.mount)}` | values for the gateway's Helm release that mount the modules into its pods |
</#macro>
<#macro mountCommands>
helm upgrade ${sh(c.gateway.name)} istio/gateway --namespace ${sh(c.gateway.namespace)} \
  --reuse-values --values ${sh(c.files.mount)}
kubectl --namespace ${sh(c.gateway.namespace)} rollout status deployment/${sh(c.gateway.name)}
</#macro>
<#macro mountNote>
<@mounts.rollNote/>
</#macro>
