# The watchdog of a scenario run (booty scenario run submits it before the first fault): it watches
# the run's fault ledger and, when booty's lease on it runs out (booty was killed), heals every
# fault still listed. It ends by itself once the ledger is gone or empty and expired, so a batch job.
#
# Rendered by booty; booty sets the job id (SCENARIO-watchdog).

variable "booty" {
  type        = string
  description = "the booty launcher (bin/booty of the distribution)"
}

variable "home" {
  type        = string
  description = "the booty home the run uses"
}

variable "scenario" {
  type = string
}

variable "run" {
  type = string
}

variable "datacenter" {
  type        = string
  description = "the stack's own Nomad datacenter"
}

variable "secrets" {
  type        = string
  description = "the Nomad Variable with the watchdog's own Nomad token (nomad/jobs/SCENARIO-watchdog)"
}

variable "token_file" {
  type        = string
  default     = ""
  description = "where the template writes that token; empty: booty's management token is used"
}

job "booty-watchdog" {
  datacenters = [var.datacenter]
  type        = "batch"

  meta {
    booty_role = "watchdog"
    booty_run  = var.run
  }

  group "watchdog" {
    restart {
      attempts = 5
      interval = "5m"
      delay    = "2s"
      mode     = "fail"
    }

    reschedule {
      attempts  = 0
      unlimited = false
    }

    task "watchdog" {
      driver = "raw_exec"

      config {
        command = var.booty
        args    = ["chaos", "watchdog", "--home", var.home, var.scenario]
      }

      # a Nomad token with only what healing takes (policy booty-watchdog), not booty's management
      # token: from the job's variable, which only this job's tasks may read
      template {
        data        = "{{ with nomadVar \"${var.secrets}\" }}{{ range .Tuples }}{{ if eq .K \"nomad_token\" }}{{ .V }}{{ end }}{{ end }}{{ end }}"
        destination = "secrets/nomad.token"
        perms       = "600"
        change_mode = "noop"
      }

      env {
        BOOTY_JAVA_OPTS        = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx128m"
        BOOTY_NOMAD_TOKEN_FILE = var.token_file
      }

      resources {
        cpu    = 100
        memory = 200
      }
    }
  }
}
