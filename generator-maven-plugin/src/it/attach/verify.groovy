def installed = new File(localRepositoryPath, 'dev/meshmirror/its/attach/1.0/attach-1.0-meshmirror-wallarm.yaml')
assert installed.isFile() : installed
assert installed.getText('UTF-8') == new File(examplesDirectory, 'helm-us/expected/all.yaml').getText('UTF-8')
true
