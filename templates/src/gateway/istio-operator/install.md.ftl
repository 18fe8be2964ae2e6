<#-- INSTALL.md steps of a gateway installed by istioctl from an IstioOperator. -->
<#import "/lib/overlay.ftl" as overlay>
<#macro fileRow>
| `${sh(c.files.overlay)}` | the IstioOperator gateway entry to merge into yours: <@overlay.what/> |
</#macro>
<#macro overlayCommands>
# First merge the ingressGateways entry of ${sh(c.files.overlay)} into your IstioOperator:
# its k8s.podAnnotations<#if c.overlay.hasVolumes> and k8s.overlays</#if> next to yours.
istioctl install -f your-istio-operator.yaml
<@overlay.rollout/>
</#macro>
<#macro overlayNote>
The entry uses `k8s.podAnnotations`<#if c.overlay.hasVolumes> and `k8s.overlays`: Istio silently ignores `k8s.volumes` and
`k8s.volumeMounts` on gateways, which is why hand-written setups that use them mirror nothing</#if>.

<@overlay.rollNote/>
</#macro>
<#macro removeCommands>
# First take out of your IstioOperator's gateway entry what ${sh(c.files.overlay)} added:
<#list c.overlay.restored as a>
<#if a.value??>
#   the pod annotation ${sh(a.key)}: back to your own value (spec.gateway.proxyConfig)
<#else>
#   the pod annotation ${sh(a.key)}
</#if>
</#list>
<#list c.overlay.volumes as v>
#   the overlay patches of volume ${sh(v.name)} and of its mount ${sh(v.mountPath)}
</#list>
istioctl install -f your-istio-operator.yaml
<@overlay.rollout/>
</#macro>
