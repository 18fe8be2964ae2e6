assert new File(basedir, 'target/meshmirror/staging/envoyfilter-ext-proc.yaml').isFile()
assert !new File(basedir, 'target/meshmirror/staging/node-values.yaml').exists()
assert new File(basedir, 'target/meshmirror/wallarm/node-values.yaml').isFile()
true
