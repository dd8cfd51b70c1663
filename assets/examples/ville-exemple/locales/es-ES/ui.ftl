# kiosk-consent — interfaz en español, aportada por esta política.
# El programa solo trae la interfaz en francés e inglés; una política puede
# añadir otro idioma con un archivo como este, que traduce cada mensaje de
# locales/en-US/ui.ftl del programa (mismos identificadores, mismas
# variables). Lo que falte aquí se toma del idioma por defecto de la
# política (fr-FR) y, si tampoco está, del inglés.
# Atajos: distintos en cada pantalla, y nunca j, k ni q (ya reservadas).
#   bienvenida: a (aceptar), r (rechazar), e (elegir), l (leer la política)
#   elección:   g (guardar), a (aceptar), r (rechazar)

language-name = Español
# Entre una etiqueta y su valor ("Proveedor: Example Tube").
colon = :

## Pantalla de bienvenida

welcome-title = Las cookies de { $site }
welcome-summary = Antes de abrir el navegador, díganos qué cookies acepta en { $site }. Las cookies necesarias hacen funcionar el sitio y están siempre activas. Las demás ({ $optional }) solo se usan si usted las acepta. Puede aceptarlo todo, rechazarlo todo o elegir categoría por categoría; { $duration }
welcome-summary-required-only = Antes de abrir el navegador, esto es lo que { $site } guarda en su navegador. Solo usa cookies necesarias, que hacen funcionar el sitio y están siempre activas; { $duration }
welcome-duration-days = su elección vale { $days } días como máximo.
welcome-duration-visit = su elección vale solo para esta visita: se borra en cuanto cierre el navegador.
summary-position = Líneas { $first } a { $last } de { $total } (↓: más)
accept-all = Aceptar todo
accept-all-key = a
refuse-all = Rechazar todo
refuse-all-key = r
choose = Elegir
choose-key = e
read-charter = Leer la política de cookies
read-charter-key = l
language-button = Idioma: { $language }

## Pantalla de elección

choose-title = Elija las cookies que acepta
state-always-on = siempre activa
state-accepted = aceptada
state-refused = rechazada
cookies-heading = Cookies de esta categoría
no-cookies = Este sitio no usa ninguna cookie de esta categoría.
column-name = Nombre
column-provider = Proveedor
column-service = Servicio
column-purpose = Finalidad
save-choices = Guardar mis elecciones
save-choices-key = g
back = Volver
scroll-position = { $first }–{ $last } de { $total }

## Pantalla de la política

charter-title = Política de cookies
charter-position = Líneas { $first }–{ $last } de { $total } ({ $percent } %)

## Pantalla de ayuda

help-title = Ayuda: teclas
help-intro = Todas las teclas de la pantalla de la que viene:

## Pantalla final

done-title = Su elección se ha guardado
done-accept-all = Ha aceptado todas las cookies.
done-reject-all = Ha rechazado todas las cookies opcionales.
done-custom = Ha elegido categoría por categoría.
done-closing = Esta pantalla se cierra en unos segundos, o pulse cualquier tecla.

## Errores mostrados en el diálogo

save-failed = No se ha podido guardar su elección en { $path }: { $cause }. Sus elecciones se conservan: vuelva a intentarlo o pida ayuda en la recepción.
too-small = Esta ventana es demasiado pequeña. Agrándela al menos a 40 columnas por 15 líneas.
too-small-leave = O pulse Esc para salir sin decidir.

## Teclas (nombres que se muestran en la ayuda y al pie de la pantalla)

key-tab = Tab
key-backtab = Mayús+Tab
key-arrows = ↑ ↓ ← →
key-jk = j / k
key-space = Espacio
key-enter = Intro
key-esc = Esc
key-pageupdown = RePág / AvPág
key-homeend = Inicio / Fin
key-help = ? / F1
key-language = F2
key-quit = q
key-any = Cualquier tecla
key-wheel = Rueda del ratón
key-click = Clic o toque

action-next = control siguiente
action-prev = control anterior
action-move = pasar de un control a otro
action-move-or-scroll = desplazar el resumen, o pasar de un control a otro
action-scroll = desplazarse
action-scroll-page = desplazarse una página
action-scroll-ends = ir al principio / al final
action-toggle = marcar o desmarcar la categoría
action-activate = pulsar el botón, o marcar la categoría
action-press = pulsar el botón
action-help = esta ayuda
action-language = cambiar de idioma
action-back = volver atrás
action-leave = salir sin decidir
action-shortcut = atajo del botón "{ $button }"
action-close = cerrar esta pantalla
action-click = pulsar un botón o marcar una casilla
action-click-button = pulsar un botón

footer-welcome = Tab: siguiente · Intro: confirmar · F2: idioma · ?: ayuda
footer-choose = Tab: siguiente · Espacio: marcar · Intro: confirmar · Esc: volver · ?: ayuda
footer-charter = ↑ ↓ RePág AvPág: desplazarse · Esc: volver · ?: ayuda
footer-help = ↑ ↓ RePág AvPág: desplazarse · Esc: volver
footer-done = Cualquier tecla: cerrar

## Línea de órdenes

check-ok = OK: { $categories } categorías, { $cookies } cookies, idiomas { $locales }.
problems-more = … y { $count } más; ejecute `kiosk-consent check`.
show-none = Ningún consentimiento válido.
show-valid = Consentimiento dado el { $decided }, válido hasta el { $expires }.
show-file = Archivo: { $path }
show-action = Respuesta: { $action }
consent-missing = No hay ningún archivo de consentimiento en { $path }.
consent-unreadable = El archivo de consentimiento { $path } no se puede leer: { $cause }.
consent-corrupt = El archivo de consentimiento { $path } está dañado (no es un archivo de kiosk-consent válido); cuenta como si no hubiera consentimiento.
consent-unknown-format = El archivo de consentimiento { $path } tiene un formato desconocido ({ $format }).
consent-other-policy = El archivo de consentimiento { $path } es de otra política ({ $id }).
consent-other-version = El archivo de consentimiento { $path } es de una versión anterior de la política ({ $version }); hay que volver a preguntar al visitante.
consent-expired = El consentimiento de { $path } caducó el { $date }.
consent-future = El consentimiento de { $path } tiene una fecha futura ({ $date }); puede que el reloj esté mal, así que no se tiene en cuenta.
error-unknown-category = categoría desconocida "{ $category }" (la política tiene: { $known })
error-bad-lang = "{ $tag }" no es una etiqueta de idioma (pruebe fr-FR o en).
error-no-data-dir = no hay carpeta personal donde guardar el archivo de consentimiento; indique una con --consent-file.
error-reset = no se puede borrar { $path }: { $cause }
error-terminal = no se puede usar el terminal: { $cause }
error-internal = error interno; el terminal se ha restaurado y no se ha guardado nada.

## Causas de los errores de archivo

cause-not-found = el archivo o la carpeta no existe
cause-permission-denied = permiso denegado
cause-read-only = el disco es de solo lectura
cause-disk-full = el disco está lleno
cause-is-directory = es una carpeta, no un archivo
cause-not-a-directory = una parte de la ruta no es una carpeta
cause-invalid-data = el contenido no es válido
cause-other = { $detail }

## Problemas de la política (kiosk-consent check)

problem-unreadable = no se puede leer este archivo: { $cause }
problem-not-utf8 = este archivo no es texto UTF-8 válido
problem-toml-syntax = error de sintaxis TOML: { $detail }
problem-unknown-key = clave desconocida "{ $key }"
problem-missing-key = falta la clave "{ $key }"
problem-wrong-type = "{ $key }" debe ser { $expected }
type-string = una cadena de caracteres
type-integer = un número entero
type-boolean = true o false
type-array-of-strings = una lista de cadenas
type-array-of-tables = una lista de tablas ([[…]])
problem-bad-id = "{ $id }" no es un identificador válido (se espera { $pattern })
problem-duplicate-id = el identificador "{ $id }" se usa dos veces
problem-unknown-category = categoría desconocida "{ $id }"
problem-required-with-default = la categoría obligatoria "{ $id }" no puede tener valor por defecto: está siempre activa
problem-consent-days = consent_days debe estar entre 1 y 395 (13 meses), no { $value }
problem-bad-site = site debe ser una dirección http:// o https://, no "{ $value }"
problem-bad-domain = "{ $value }" no es un nombre de host
problem-bad-locale = "{ $value }" no es una etiqueta de idioma
problem-no-categories = la política no declara ninguna categoría ([[categories]])
problem-default-locale = el idioma por defecto { $locale } no tiene política de cookies (charter/{ $locale }.md)
problem-charter-without-messages = el idioma { $locale } tiene política de cookies pero no locales/{ $locale }/policy.ftl
problem-messages-without-charter = el idioma { $locale } tiene mensajes pero no charter/{ $locale }.md
problem-fluent-syntax = error de sintaxis Fluent: { $detail }
problem-missing-message = falta el mensaje "{ $id }"
problem-missing-attribute = al mensaje "{ $id }" le falta el atributo .{ $attribute }
problem-extra-message = mensaje inesperado "{ $id }" (no es una categoría, ni una cookie, ni un mensaje de la interfaz)

## Registro de las pruebas de consentimiento

log-intact = Registro intacto: { $entries } decisiones en { $files } archivos.
log-broken = Registro roto en { $place }: { $reason }
log-unreadable = No se puede leer el registro { $path }: { $cause }
log-not-json = esta línea no es un objeto JSON.
log-no-prev = esta línea no tiene campo "prev".
log-chain = "prev" no es la huella de la línea anterior: una línea anterior a esta se ha modificado, borrado o movido.
log-head = la última línea no es la que figura en consent-log.head: se ha modificado o borrado.

## Modo quiosco: la salida del operador

pin-title = Salida del operador
pin-prompt = PIN del operador:
pin-hint = Intro: confirmar · Esc: volver al diálogo
pin-wrong = PIN incorrecto.
pin-locked = Demasiados PIN incorrectos: no se comprueba ningún PIN durante { $seconds } s más.
pin-prompt-new = Nuevo PIN del operador:
pin-prompt-again = El mismo PIN otra vez:
pin-mismatch = Los dos PIN son distintos; no se ha cambiado nada.
pin-too-short = El PIN debe tener al menos { $min } caracteres; no se ha cambiado nada.
pin-set = PIN guardado (como huella con sal) en { $path }.
error-write = no se puede escribir { $path }: { $cause }
key-pin = 0–9, letras
action-type-pin = escribir el PIN (Retroceso borra)
action-confirm-pin = comprobar el PIN
categories-above = ↑ { $count } más
categories-below = ↓ { $count } más
usage-dialog-option = --kiosk, --theme, --plain, --no-mouse, --idle-timeout y --no-log son opciones del diálogo (run), no de esta orden
