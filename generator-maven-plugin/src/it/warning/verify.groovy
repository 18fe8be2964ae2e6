// A minor newer than the verified ones renders, with the warning logged as a Maven warning.
def log = new File(basedir, 'build.log').getText('UTF-8')
def spec = new File(basedir, 'src/main/meshmirror/connector.yaml').path
assert log.contains('[WARNING] ' + spec + ':7:14: spec.istio.version: warning: Istio 1.32 has not been verified with meshmirror')
assert new File(basedir, 'target/meshmirror/wallarm/envoyfilter-lua.yaml').isFile()
true
