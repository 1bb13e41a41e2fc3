// The block steps and Declarative sections our Jenkinsfiles use, compiled under CPS with the
// scripts (so a body runs as CPS code and a step inside it suspends the whole program, as in
// Jenkins). Each block's Jenkins-side halves (enterNode/exitNode, pushEnv/popEnv...) are steps
// of FakeJenkins. Declarative is read as Jenkins reads it: the pipeline {} closures are first
// collected into a model (sections are recorded, not run), then the model is run: agent, when,
// matrix cells (one after the other, each with its axes as environment), steps, post.
// Loops are index loops: only list iterators survive a step (ProgramOutput), and a map's
// (parallel's branches) would not.
import groovy.transform.Field

@Field List frames = []

// ---- block steps ---------------------------------------------------------------------------

def node(String label, Closure body) {
  enterNode(label)
  try {
    return body()
  } finally {
    exitNode()
  }
}

def node(Closure body) {
  return node('', body)
}

def withEnv(List vars, Closure body) {
  pushEnv(vars)
  try {
    return body()
  } finally {
    popEnv()
  }
}

def withCredentials(List bindings, Closure body) {
  bindCredentials(bindings)
  try {
    return body()
  } finally {
    popEnv()
  }
}

def timeout(Map limit, Closure body) {
  return body()
}

def parallel(Map branches) {
  List names = new ArrayList(branches.keySet())
  for (int i = 0; i < names.size(); i++) {
    branches[names[i]].call()
  }
}

def stage(String name, Closure body) {
  if (frames && frames[-1].kind == 'stages') {
    Map s = collect('stage', body)
    s.name = name
    frames[-1].list.add(s)
    return null
  }
  enterStage(name)
  return body()
}

def script(Closure body) {
  return body()
}

// ---- Declarative: collecting the model -----------------------------------------------------

Map collect(String kind, Closure body) {
  Map f = [kind: kind, list: []]
  frames.add(f)
  try {
    body()
  } finally {
    frames.remove(frames.size() - 1)
  }
  return f
}

def pipeline(Closure body) {
  Map p = collect('pipeline', body)
  withAgent(p.agent) {
    runStages(p.stages)
  }
}

def agent(Object spec) {
  frames[-1].agent = spec
}

def label(Object expression) {
  frames[-1].label = expression.toString()
}

def options(Closure body) {
  collect('options', body)
}

def stages(Closure body) {
  frames[-1].stages = collect('stages', body).list
}

def steps(Closure body) {
  frames[-1].steps = body
}

def when(Closure condition) {
  frames[-1].when = condition
}

def branch(String pattern) {
  frames[-1].list.add(pattern)
}

def beforeAgent(boolean before) {
  frames[-1].beforeAgent = before
}

def post(Closure body) {
  frames[-1].post = collect('post', body)
}

def always(Closure body) {
  frames[-1].always = body
}

def success(Closure body) {
  frames[-1].success = body
}

def failure(Closure body) {
  frames[-1].failure = body
}

def matrix(Closure body) {
  frames[-1].matrix = collect('matrix', body)
}

def axes(Closure body) {
  frames[-1].axes = collect('axes', body).list
}

def axis(Closure body) {
  frames[-1].list.add(collect('axis', body))
}

def name(String axisName) {
  frames[-1].name = axisName
}

def values(String... axisValues) {
  frames[-1].values = axisValues as List
}

// ---- Declarative: running the model --------------------------------------------------------

def withAgent(Object spec, Closure body) {
  if (spec == null || spec == 'none') {
    return body()
  }
  // A label is evaluated where the stage runs: in a matrix cell it names the cell's axes.
  String label = spec instanceof Closure ? collect('agent', spec).label : ''
  return node(label, body)
}

def runStages(List stages) {
  for (int i = 0; i < stages.size(); i++) {
    runStage(stages[i])
  }
}

boolean holds(Map when) {
  List patterns = when.list
  for (int i = 0; i < patterns.size(); i++) {
    if (env.BRANCH_NAME != patterns[i]) {
      return false
    }
  }
  return true
}

def runStage(Map s) {
  Map when = s.when != null ? collect('when', s.when) : null
  // As Declarative: without beforeAgent true, the agent is allocated before when is evaluated.
  if (when != null && when.beforeAgent && !holds(when)) {
    skipStage(s.name)
    return
  }
  if (s.matrix != null) {
    enterStage(s.name)
    runMatrix(s.matrix)
    return
  }
  withAgent(s.agent) {
    if (when != null && !when.beforeAgent && !holds(when)) {
      skipStage(s.name)
      return
    }
    enterStage(s.name)
    Map post = s.post ?: [:]
    try {
      if (s.steps != null) {
        s.steps.call()
      }
      if (s.stages != null) {
        runStages(s.stages)
      }
      if (post.success != null) {
        post.success.call()
      }
    } catch (Throwable e) {
      if (post.failure != null) {
        post.failure.call()
      }
      throw e
    } finally {
      if (post.always != null) {
        post.always.call()
      }
    }
  }
}

def runMatrix(Map m) {
  List cells = [[]]
  for (int i = 0; i < m.axes.size(); i++) {
    List next = []
    for (int j = 0; j < cells.size(); j++) {
      for (int k = 0; k < m.axes[i].values.size(); k++) {
        next.add(cells[j] + ["${m.axes[i].name}=${m.axes[i].values[k]}".toString()])
      }
    }
    cells = next
  }
  for (int c = 0; c < cells.size(); c++) {
    enterCell(cells[c].join(', '))
    try {
      withEnv(cells[c]) {
        withAgent(m.agent) {
          runStages(m.stages)
        }
      }
    } finally {
      exitCell()
    }
  }
}
