# One browser client group of a scenario in one data centre (booty scenario run submits it, one job
# per group of kind browser): each allocation is one `booty browsers` process that serves booty's
# client page, starts headless Chromium (Debian's, driven through chromedriver) in the data centre's
# view and loads the page, which holds `per_task` NATS connections over the servers' websocket
# listeners and reports every second, and finally, over its own WebSocket connection to the control
# plane (creds that may only publish reports). Scaling the group opens and closes browsers; a
# removed allocation sends its final reports on SIGTERM and leaves no Chromium or profile behind.
#
# Rendered by booty; booty sets the job id (SCENARIO-clients-GROUP, GROUP being DC-browser for a
# careful seeds group, else DC-browser-BOOTSTRAP-PROFILE).

variable "booty" {
  type        = string
  description = "the booty launcher (bin/booty of the distribution)"
}

variable "control_plane" {
  type = string
}

variable "creds" {
  type        = string
  description = "the browser process's creds: the scenario's client subjects"
}

variable "control_plane_ws" {
  type        = string
  description = "the control plane's NATS over WebSocket, where the page reports"
}

variable "report_creds" {
  type        = string
  description = "the page's creds: it may only publish the scenario's client reports"
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
  description = "websocket seeds, comma-separated, in the order to try; or ws://FQDN:PORT (dns)"
}

variable "workload" {
  type        = list(string)
  description = "the workload's options, as for booty clients"
}

job "booty-clients" {
  datacenters = [var.datacenter]
  type        = "service"

  meta {
    booty_role  = "clients"
    booty_kind  = "browser"
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
        command = var.booty
        args = concat([
          "browsers",
          "--control-plane", var.control_plane,
          "--creds", var.creds,
          "--control-plane-ws", var.control_plane_ws,
          "--report-creds", var.report_creds,
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
        BOOTY_JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx128m"
      }

      kill_signal  = "SIGTERM"
      kill_timeout = "20s"

      # the JVM that drives it, chromedriver, and Chromium's browser, renderer and network processes
      resources {
        cpu    = 200
        memory = 700
      }
    }
  }
}
