<#-- INSTALL.md steps of a gateway that is a plain Deployment. -->
<#import "/lib/overlay.ftl" as overlay>
<#macro fileRow>
| `${sh(c.files.overlay)}` | a strategic-merge patch for the gateway Deployment: <@overlay.what/> |
</#macro>
<#macro overlayCommands>
kubectl --namespace ${sh(c.gateway.namespace)} patch deployment ${sh(c.gateway.name)} \
  --type strategic --patch-file ${sh(c.files.overlay)}
<@overlay.rollout/>
</#macro>
<#macro overlayNote>
The patch adds to what the Deployment has and replaces nothing else. Envoy reads the stats annotation
through the `/etc/istio/pod/annotations` file that Istio's gateway injection mounts; a gateway
Deployment that is not injected must mount it itself (a downwardAPI volume of `metadata.annotations`),
else the counters stay uncreated, which `meshmirror verify` reports.

<@overlay.rollNote/>
</#macro>
<#macro removeCommands>
kubectl --namespace ${sh(c.gateway.namespace)} patch deployment ${sh(c.gateway.name)} \
  --type strategic --patch ${sh(c.overlay.deploymentUnpatch)}
<@overlay.rollout/>
</#macro>
