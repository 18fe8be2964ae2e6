// A manifests-only project has pom packaging: the spec folder is the signal, so it generates.
def out = new File(basedir, 'target/meshmirror/wallarm')
assert new File(out, 'all.yaml').isFile()
assert new File(out, 'envoyfilter-ext-proc.yaml').isFile()
def log = new File(basedir, 'build.log').getText('UTF-8')
assert log.contains('meshmirror: wallarm: wrote 8 files in ')
true
