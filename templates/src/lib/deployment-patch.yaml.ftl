spec:
  template:
    metadata:
      annotations:
        meshmirror.dev/lua-modules-sha256: ${y(c.lua.checksum)}
    spec:
      volumes:
<#list c.lua.modules as m>
      - name: ${y(m.configMap)}
        configMap:
          name: ${y(m.configMap)}
</#list>
      containers:
      - name: istio-proxy
        volumeMounts:
<#list c.lua.modules as m>
        - name: ${y(m.configMap)}
          mountPath: ${y(m.mountPath)}
          readOnly: true
</#list>
