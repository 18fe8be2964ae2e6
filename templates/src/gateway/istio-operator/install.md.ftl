<#-- INSTALL.md steps of a gateway installed by istioctl from an IstioOperator. -->
<#import "/lib/mounts.ftl" as mounts>
<#macro fileRow>
| `${sh(c.files.mount)}` | the IstioOperator gateway entry that mounts <@mounts.what/>, with `k8s.overlays` |
</#macro>
<#macro mountCommands>
# First merge the ingressGateways entry of ${sh(c.files.mount)} into your IstioOperator.
istioctl install -f your-istio-operator.yaml
<@mounts.rollout/>
</#macro>
<#macro mountNote>
The overlay uses `k8s.overlays`: Istio silently ignores `k8s.volumes` and `k8s.volumeMounts` on
gateways, which is why hand-written setups that use them mirror nothing.
</#macro>
<#macro unmountCommands>
# First remove the overlays and the annotation of ${sh(c.files.mount)} from your IstioOperator.
istioctl install -f your-istio-operator.yaml
<@mounts.rollout/>
</#macro>
