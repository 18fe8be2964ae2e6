// Only the generate goal is bound, so it is the goal that meets the invalid spec: it must fail and
// write nothing.
def log = new File(basedir, 'build.log').getText('UTF-8')
def spec = new File(basedir, 'src/main/meshmirror/connector.yaml').path
assert log.contains('The connector spec has 3 problems:')
assert log.contains(spec + ':12:14: spec.transport: ext-proc needs Istio 1.23 or newer, but spec.istio.version is 1.22')
assert log.contains(spec + ":11:5: spec.gateway.nmae: unknown key 'nmae'")
assert log.contains("hint: did you mean 'name'?")
assert log.contains(spec + ':16:11: spec.node.port: 70000 is out of range')
assert !log.contains('at dev.meshmirror')
assert log.contains('meshmirror-maven-plugin') && log.contains(':generate (generate)')
assert !new File(basedir, 'target/manifests').exists()
true
