<#-- How files from ConfigMaps are mounted into istio-proxy: written once, indented where used with <@indent>. -->
<#macro checksum>
meshmirror.dev/lua-modules-sha256: ${y(c.mount.checksum)}
</#macro>
<#macro volumes>
volumes:
<#list c.mount.files as f>
- name: ${y(f.configMap)}
  configMap:
    name: ${y(f.configMap)}
</#list>
</#macro>
<#macro volumeMounts>
volumeMounts:
<#list c.mount.files as f>
- name: ${y(f.configMap)}
  mountPath: ${y(f.mountPath)}
  readOnly: true
</#list>
</#macro>
<#-- INSTALL.md: why the pods roll when a mounted file changes. -->
<#macro rollNote>
The pod annotation `meshmirror.dev/lua-modules-sha256` changes whenever a module changes, so the
gateway pods roll and load the new modules.
</#macro>
