<#-- How files from ConfigMaps are mounted into istio-proxy: written once, indented where used with <@indent>. -->
<#macro checksum>
meshmirror.dev/lua-modules-sha256: ${y(c.mount.checksum)}
</#macro>
<#-- Optional volumes: a missing ConfigMap or Secret never keeps a gateway pod from starting. -->
<#macro volumes>
volumes:
<#list c.mount.volumes as v>
- name: ${y(v.name)}
<@volumeSource v/>
</#list>
</#macro>
<#macro volumeSource v>
<#if v.secret>
  secret:
    secretName: ${y(v.source)}
    optional: true
<#else>
  configMap:
    name: ${y(v.source)}
    optional: true
</#if>
</#macro>
<#macro volumeMounts>
volumeMounts:
<#list c.mount.volumes as v>
- name: ${y(v.name)}
  mountPath: ${y(v.mountPath)}
  readOnly: true
</#list>
</#macro>
<#-- INSTALL.md: why the pods roll when a mounted file changes. -->
<#macro rollNote>
The pod annotation `meshmirror.dev/lua-modules-sha256` changes whenever what is mounted changes, so
the gateway pods roll and load it.
</#macro>
<#-- INSTALL.md: wait until the gateway's pods run with what was changed. -->
<#macro rollout>
kubectl --namespace ${sh(c.gateway.namespace)} rollout status deployment --selector ${sh(c.gateway.selectorArg)}
</#macro>
<#-- INSTALL.md: what is mounted, in words. -->
<#macro what><#if c.mount.modules?has_content>the Lua modules<#if c.mount.ca> and </#if></#if><#if c.mount.ca>the node's CA</#if></#macro>
