{{/* Full name of the release's objects. */}}
{{- define "modelmap.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "modelmap.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "modelmap.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "modelmap.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "modelmap.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The client properties Secret as a volume, when one is named. */}}
{{- define "modelmap.clientConfigVolume" -}}
{{- if .Values.kafka.clientConfigSecret }}
- name: kafka-client
  secret:
    secretName: {{ .Values.kafka.clientConfigSecret }}
{{- end }}
{{- end -}}

{{- define "modelmap.clientConfigMount" -}}
{{- if .Values.kafka.clientConfigSecret }}
- name: kafka-client
  mountPath: /etc/modelmap/client
  readOnly: true
{{- end }}
{{- end -}}

{{/* Connection settings every container reads. */}}
{{- define "modelmap.connectionEnv" -}}
- name: MODELMAP_BOOTSTRAP_SERVERS
  valueFrom: {configMapKeyRef: {name: {{ include "modelmap.fullname" . }}, key: MODELMAP_BOOTSTRAP_SERVERS}}
- name: MODELMAP_SCHEMA_REGISTRY_URL
  valueFrom: {configMapKeyRef: {name: {{ include "modelmap.fullname" . }}, key: MODELMAP_SCHEMA_REGISTRY_URL}}
{{- if .Values.kafka.clientConfigSecret }}
- name: MODELMAP_CLIENT_CONFIG
  value: /etc/modelmap/client/{{ .Values.kafka.clientConfigKey }}
{{- end }}
{{- end -}}

{{/* Where the Hub cache is mounted in a worker pod. */}}
{{- define "modelmap.hubCacheDir" -}}/var/cache/huggingface/hub{{- end }}

{{/* The Secret holding HF_TOKEN, or empty when there is none. */}}
{{- define "modelmap.hubTokenSecret" -}}
{{- if .Values.hub.token.existingSecret -}}
{{ .Values.hub.token.existingSecret }}
{{- else if .Values.hub.token.value -}}
{{ include "modelmap.fullname" . }}-hf-token
{{- end -}}
{{- end }}

{{/* HF_ENDPOINT, HF_HUB_OFFLINE and HF_TOKEN, as huggingface_hub reads them, for the workers, the register Job and the watcher. */}}
{{- define "modelmap.hubEnv" -}}
{{- with .Values.hub.endpoint }}
- name: HF_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if .Values.hub.offline }}
- name: HF_HUB_OFFLINE
  value: "1"
{{- end }}
{{- with include "modelmap.hubTokenSecret" . }}
- name: HF_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.hub.token.secretKey }}
{{- end }}
{{- end }}
