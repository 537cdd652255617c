# The NATS servers of one data centre, as the `nats` cluster plugin renders them: one group per
# server (so a changed server is replaced alone), its config from the plugin (routes inside the DC,
# gateways to the other DCs by name, JetStream tagged with the DC, websocket, lame duck), each
# registered in Consul with a /healthz check on its monitoring port. A server's `files` (its TLS
# certificate, key and booty's CA when the cluster speaks TLS) go to the task's secrets directory,
# where its config names them.
#
# Rendered by booty deploy; booty sets the job id (SCENARIO-nats-DC). `driver` picks raw_exec (each
# server's `binary`) or docker (each server's `image`, which `booty image build nats-server` makes,
# on the host network, with the DC's view of the other DCs as extra hosts). Each server names its
# own version, so a rolling upgrade changes one group at a time.
#
# Nomad stops a server with SIGUSR2: lame duck mode, which closes the server's listeners and moves
# its clients away over the lame duck duration before it exits (kill_timeout leaves room for it).

variable "driver" {
  type    = string
  default = "raw_exec"
}

variable "data_center" {
  type = string
}

variable "service" {
  type        = string
  description = "the Consul service the servers register as"
}

variable "ports" {
  type = object({
    client  = number
    monitor = number
  })
  default = {
    client  = 4222
    monitor = 8222
  }
}

variable "servers" {
  type = list(object({
    name    = string
    address = string
    node    = string
    config  = string
    hosts   = list(string)
    binary  = string
    image   = string
    files = list(object({
      name = string
      data = string
    }))
  }))
}

variable "kill_timeout" {
  type        = string
  description = "the lame duck duration and some seconds more"
  default     = "45s"
}

job "nats-cluster" {
  datacenters = [var.data_center]
  type        = "service"

  meta {
    booty_role = "nats-cluster"
    booty_dc   = var.data_center
  }

  update {
    max_parallel      = 1
    health_check      = "checks"
    min_healthy_time  = "2s"
    healthy_deadline  = "120s"
    progress_deadline = "180s"
  }

  dynamic "group" {
    for_each = var.servers
    labels   = [group.value.name]

    content {
      # a data centre of several hosts: the server runs on the host that has its address
      dynamic "constraint" {
        for_each = group.value.node == "" ? [] : [group.value.node]
        content {
          attribute = "${node.unique.name}"
          value     = constraint.value
        }
      }

      ephemeral_disk {
        sticky = true
      }

      restart {
        attempts = 5
        interval = "2m"
        delay    = "2s"
        mode     = "delay"
      }

      service {
        name     = var.service
        provider = "consul"
        address  = group.value.address
        port     = var.ports.client
        tags     = ["booty", "nats", "dc-${var.data_center}", group.value.name]

        meta {
          nats_server  = group.value.name
          dc           = var.data_center
          monitor_port = var.ports.monitor
        }

        check {
          name     = "healthz"
          type     = "http"
          port     = var.ports.monitor
          path     = "/healthz"
          interval = "2s"
          timeout  = "1s"
        }
      }

      dynamic "task" {
        for_each = var.driver == "raw_exec" ? [group.value] : []
        labels   = ["nats-server"]

        content {
          driver = "raw_exec"

          config {
            command = task.value.binary
            args    = ["-c", "${NOMAD_TASK_DIR}/nats.conf", "--store_dir", "${NOMAD_ALLOC_DIR}/data/jetstream"]
          }

          template {
            data          = task.value.config
            destination   = "local/nats.conf"
            change_mode   = "signal"
            change_signal = "SIGHUP"
          }

          dynamic "template" {
            for_each = task.value.files
            content {
              data          = template.value.data
              destination   = "secrets/${template.value.name}"
              perms         = "0600"
              change_mode   = "signal"
              change_signal = "SIGHUP"
            }
          }

          kill_signal  = "SIGUSR2"
          kill_timeout = var.kill_timeout

          resources {
            cpu    = 100
            memory = 256
          }
        }
      }

      dynamic "task" {
        for_each = var.driver == "docker" ? [group.value] : []
        labels   = ["nats-server"]

        content {
          driver = "docker"

          config {
            image        = task.value.image
            network_mode = "host"
            extra_hosts  = task.value.hosts
            args         = ["-c", "/local/nats.conf", "--store_dir", "/alloc/data/jetstream"]
          }

          template {
            data          = task.value.config
            destination   = "local/nats.conf"
            change_mode   = "signal"
            change_signal = "SIGHUP"
          }

          dynamic "template" {
            for_each = task.value.files
            content {
              data          = template.value.data
              destination   = "secrets/${template.value.name}"
              perms         = "0600"
              change_mode   = "signal"
              change_signal = "SIGHUP"
            }
          }

          kill_signal  = "SIGUSR2"
          kill_timeout = var.kill_timeout

          resources {
            cpu    = 100
            memory = 256
          }
        }
      }
    }
  }
}
