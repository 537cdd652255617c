# One group of a scenario's test clients in one data centre (booty scenario run submits it, one job
# per client group): each allocation is one `booty clients` process hosting `per_task` measuring
# clients (kind jvm), or one `booty browsers` process that opens booty's client page in headless
# Chromium, which holds `per_task` NATS connections over the servers' websocket listeners and
# reports over its own WebSocket connection to the control plane (kind browser). They connect with
# the seed list in the given order (own data centre first, then the nearest) or with the scenario's
# DNS name (bootstrap dns), set up as their profile says, and report every second, and finally,
# over the back channel. Scaling the group changes the count (for browsers: opens and closes
# them); a removed allocation sends its final reports on SIGTERM.
#
# The processes run booty's launcher as their node has it (node meta booty_launcher) and read their
# creds from the job's Nomad Variable (var.secrets: items creds and, for browsers, report_creds),
# which only this job's tasks may read; the templates write them into the task's secrets folder.
#
# Rendered by booty; booty sets the job id (SCENARIO-clients-GROUP, GROUP being the data centre for
# a careful seeds group, else DC-BOOTSTRAP-PROFILE; DC-browser... for browsers).

variable "secrets" {
  type        = string
  description = "the Nomad Variable holding the creds (nomad/jobs/JOB)"
}

variable "command" {
  type        = string
  default     = "clients"
  description = "clients (JVM clients) or browsers (a page in headless Chromium)"
}

variable "kind" {
  type    = string
  default = "jvm"
}

variable "process_args" {
  type        = list(string)
  default     = []
  description = "what only this command takes (browsers: the page's control plane and creds)"
}

variable "java_opts" {
  type    = string
  default = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx256m"
}

variable "cpu" {
  type    = number
  default = 100
}

variable "memory" {
  type    = number
  default = 320
}

variable "control_plane" {
  type = string
}

variable "scenario" {
  type = string
}

variable "run" {
  type        = string
  description = "the run's id: every run starts fresh clients"
}

variable "dc" {
  type        = string
  description = "the scenario's name for the data centre"
}

variable "group" {
  type        = string
  description = "the client group: the data centre, or DC-BOOTSTRAP-PROFILE"
}

variable "bootstrap" {
  type        = string
  description = "seeds or dns"
}

variable "profile" {
  type        = string
  description = "careful or library-default"
}

variable "datacenter" {
  type        = string
  description = "the Nomad datacenter it is"
}

variable "count" {
  type = number
}

variable "per_task" {
  type = number
}

variable "servers" {
  type        = string
  description = "the seed list, comma-separated, in the order to try; or nats://FQDN:PORT (dns); ws:// for browsers"
}

variable "workload" {
  type        = list(string)
  description = "the workload's options for booty clients"
}

job "booty-clients" {
  datacenters = [var.datacenter]
  type        = "service"

  meta {
    booty_role  = "clients"
    booty_kind  = var.kind
    booty_run   = var.run
    booty_group = var.group
  }

  update {
    max_parallel     = 0
    min_healthy_time = "1s"
    healthy_deadline = "120s"
  }

  group "clients" {
    count = var.count

    restart {
      attempts = 3
      interval = "1m"
      delay    = "2s"
      mode     = "delay"
    }

    task "clients" {
      driver = "raw_exec"

      config {
        command = "${meta.booty_launcher}"
        args = concat([
          var.command,
          "--control-plane", var.control_plane,
          "--creds", "${NOMAD_SECRETS_DIR}/client.creds",
        ], var.process_args, [
          "--scenario", var.scenario,
          "--run", var.run,
          "--dc", var.dc,
          "--group", var.group,
          "--bootstrap", var.bootstrap,
          "--profile", var.profile,
          "--index", "${NOMAD_ALLOC_INDEX}",
          "--instance", "${NOMAD_SHORT_ALLOC_ID}",
          "--count", "${var.per_task}",
          "--servers", var.servers,
        ], var.workload)
      }

      env {
        BOOTY_JAVA_OPTS = var.java_opts
        # the node's booty home: never this machine's on a remote host
        BOOTY_HOME = "${meta.booty_home}"
      }

      template {
        data        = "{{ with nomadVar \"${var.secrets}\" }}{{ range .Tuples }}{{ if eq .K \"creds\" }}{{ .V }}{{ end }}{{ end }}{{ end }}"
        destination = "secrets/client.creds"
        perms       = "600"
        change_mode = "noop"
      }

      template {
        data        = "{{ with nomadVar \"${var.secrets}\" }}{{ range .Tuples }}{{ if eq .K \"report_creds\" }}{{ .V }}{{ end }}{{ end }}{{ end }}"
        destination = "secrets/report.creds"
        perms       = "600"
        change_mode = "noop"
      }

      # the scenario's cluster: booty's CA (tls: true) and the clients' creds (auth: jwt), when asked
      template {
        data        = "{{ with nomadVar \"${var.secrets}\" }}{{ range .Tuples }}{{ if eq .K \"nats_ca\" }}{{ .V }}{{ end }}{{ end }}{{ end }}"
        destination = "secrets/nats-ca.pem"
        perms       = "600"
        change_mode = "noop"
      }

      template {
        data        = "{{ with nomadVar \"${var.secrets}\" }}{{ range .Tuples }}{{ if eq .K \"nats_creds\" }}{{ .V }}{{ end }}{{ end }}{{ end }}"
        destination = "secrets/nats.creds"
        perms       = "600"
        change_mode = "noop"
      }

      kill_signal  = "SIGTERM"
      kill_timeout = "20s"

      # browsers: the JVM that drives one, chromedriver, Chromium's browser, renderer and network
      resources {
        cpu    = var.cpu
        memory = var.memory
      }
    }
  }
}
