# booty's agent on every node of a scenario's data centres: a Nomad system job (one allocation per
# Nomad client, so one per data centre locally). Each agent connects explicitly to the control
# plane with creds of its own node (booty issues them; docs/backchannel.md), heartbeats, answers
# booty's commands and publishes telemetry of the node and its nats-servers, which it finds in its
# data centre's Consul agent.
#
# It runs booty's launcher as the node has it (node meta booty_launcher: this machine's
# distribution for local data centres, the copy on the host for ssh ones). The creds come from the
# Nomad Variable at var.secrets, one item per node, which only this job's tasks may read; the
# template writes the node's own into the task's secrets folder.
#
# Rendered by booty deploy; booty sets the job id (SCENARIO-agents).

variable "secrets" {
  type        = string
  description = "the Nomad Variable holding each node's creds (nomad/jobs/SCENARIO-agents)"
}

variable "control_plane" {
  type        = string
  description = "the control plane's URL: the local control-plane NATS, or NGS"
}

variable "scenario" {
  type = string
}

variable "nats_server" {
  type        = string
  description = "the nats-server binary that signals lame duck, under the node meta booty_home"
}

variable "datacenters" {
  type = list(string)
}

job "booty-agent" {
  datacenters = var.datacenters
  type        = "system"

  meta {
    booty_role = "agent"
  }

  group "agent" {
    restart {
      attempts = 10
      interval = "5m"
      delay    = "2s"
      mode     = "delay"
    }

    task "agent" {
      driver = "raw_exec"

      config {
        command = "${meta.booty_launcher}"
        args = [
          "agent",
          "--control-plane", var.control_plane,
          "--creds", "${NOMAD_SECRETS_DIR}/node.creds",
          "--node", "${node.unique.name}",
          "--dc", "${node.datacenter}",
          "--scenario", var.scenario,
          "--consul", "${meta.booty_consul}",
          "--nats-server", var.nats_server,
        ]
      }

      # a secured data centre's Consul agent speaks HTTPS and asks for a token: its hosting plugin
      # puts the CA and a read-only token file in the node's meta
      env {
        BOOTY_JAVA_OPTS        = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xmx64m"
        BOOTY_HOME             = "${meta.booty_home}"
        CONSUL_CACERT          = "${meta.booty_consul_ca}"
        CONSUL_HTTP_TOKEN_FILE = "${meta.booty_consul_token_file}"
      }

      template {
        data        = "{{ with nomadVar \"${var.secrets}\" }}{{ range .Tuples }}{{ if eq .K (env \"node.unique.name\") }}{{ .V }}{{ end }}{{ end }}{{ end }}"
        destination = "secrets/node.creds"
        perms       = "600"
        change_mode = "restart"
      }

      kill_timeout = "10s"

      resources {
        cpu    = 100
        memory = 160
      }
    }
  }
}
