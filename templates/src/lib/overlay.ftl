<#-- What a connector changes in the gateway's pods: written once, indented where used with <@indent>. -->
<#macro annotations>
<#list c.overlay.annotations as a>
${y(a.key)}: ${y(a.value)}
</#list>
</#macro>
<#-- Optional volumes: a missing ConfigMap or Secret never keeps a gateway pod from starting. A CA volume
     projects only the key that holds the CA, never the rest of a Secret (a private key, say). -->
<#macro volumes>
volumes:
<#list c.overlay.volumes as v>
- name: ${y(v.name)}
<@volumeSource v/>
</#list>
</#macro>
<#macro volumeSource v>
<#if v.secret>
  secret:
    secretName: ${y(v.source)}
<#else>
  configMap:
    name: ${y(v.source)}
</#if>
<#if v.key??>
    items:
    - key: ${y(v.key)}
      path: ${y(v.key)}
</#if>
    optional: true
</#macro>
<#macro volumeMounts>
volumeMounts:
<#list c.overlay.volumes as v>
- name: ${y(v.name)}
  mountPath: ${y(v.mountPath)}
  readOnly: true
</#list>
</#macro>
<#-- INSTALL.md: why the pods roll. -->
<#macro rollNote>
The pods roll when the overlay changes: its stats annotation takes effect only in new pods (Envoy reads
it at start)<#if c.overlay.hasVolumes>, and the annotation `meshmirror.dev/mounted-sha256` changes whenever what is mounted
changes</#if>.
</#macro>
<#-- INSTALL.md: wait until the gateway's pods run with what was changed. -->
<#macro rollout>
kubectl --namespace ${sh(c.gateway.namespace)} rollout status deployment --selector ${sh(c.gateway.selectorArg)}
</#macro>
<#-- INSTALL.md: what the overlay changes, in words. -->
<#macro what>the stats annotation<#if c.overlay.hasModules && c.overlay.ca>, the Lua modules and the node's CA<#elseif c.overlay.hasModules> and the Lua modules<#elseif c.overlay.ca> and the node's CA</#if></#macro>
