<#-- INSTALL.md steps of a gateway that is a plain Deployment. -->
<#import "/lib/mounts.ftl" as mounts>
<#macro fileRow>
| `${sh(c.files.mount)}` | a strategic-merge patch for the gateway Deployment that mounts the modules |
</#macro>
<#macro mountCommands>
kubectl --namespace ${sh(c.gateway.namespace)} patch deployment ${sh(c.gateway.name)} \
  --type strategic --patch-file ${sh(c.files.mount)}
kubectl --namespace ${sh(c.gateway.namespace)} rollout status deployment/${sh(c.gateway.name)}
</#macro>
<#macro mountNote>
<@mounts.rollNote/>
</#macro>
