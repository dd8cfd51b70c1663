# Ville-Exemple (ejemplo ficticio) — textos de la política, en español.
# Cada categoría de policy.toml tiene un mensaje category-<id> con el
# atributo .description; cada cookie tiene cookie-<id>-service y
# cookie-<id>-purpose. El proveedor y el nombre real de la cookie vienen de
# policy.toml. Los textos de la interfaz están en ui.ftl, al lado.

## Categorías

category-necessary = Necesarias
    .description = El portal no puede funcionar sin ellas: mantienen su sesión, protegen los formularios y reparten la carga entre los servidores. Están siempre activas y no sirven para nada más.

category-preferences = Preferencias
    .description = Recuerdan los ajustes que usted elige en el portal, como el idioma o la forma de mostrar los resultados. Sin ellas el portal funciona, pero olvida esos ajustes de una página a otra.

category-statistics = Estadísticas
    .description = Miden el uso del portal (número de visitas, páginas más leídas) para ayudar al ayuntamiento a mejorarlo. Los datos se quedan en los servidores del ayuntamiento. Solo se usan si usted las acepta.

category-first-party = Propias (first-party)
    .description = Las instala el propio portal, además de las necesarias: para la breve encuesta "¿Le ha sido útil esta página?" y para proponerle conjuntos de datos parecidos a los que ha abierto.

category-third-party = De terceros (third-party)
    .description = Las instalan los servicios cuyo contenido integra el portal: vídeos, mapas y el botón de compartir. Esos servicios pueden saber qué páginas ha visitado. Si las rechaza, ese contenido no se muestra.

## Cookies necesarias

cookie-ve-session-service = Sesión en el portal
cookie-ve-session-purpose = Reconocerle de una página a otra durante su visita.

cookie-ve-csrf-service = Protección de los formularios (CSRF)
cookie-ve-csrf-purpose = Comprobar que los formularios enviados vienen realmente del portal.

cookie-serverid-service = Balanceador de carga
cookie-serverid-purpose = Enviar todas sus páginas al mismo servidor durante la visita.

cookie-ve-consentement-service = Aviso de cookies del portal
cookie-ve-consentement-purpose = Recordar la respuesta dada al aviso de cookies del propio portal.

## Preferencias

cookie-ve-langue-service = Elección del idioma
cookie-ve-langue-purpose = Mantener el idioma que ha elegido en el portal.

cookie-ve-affichage-service = Presentación de los resultados
cookie-ve-affichage-purpose = Recordar la vista elegida (lista, tabla o mapa) y el número de resultados por página.

## Estadísticas

cookie-pk-id-service = Medición de audiencia Matomo (servidor del ayuntamiento)
cookie-pk-id-purpose = Reconocer su navegador de una visita a otra para contar los visitantes.

cookie-pk-ses-service = Medición de audiencia Matomo (servidor del ayuntamiento)
cookie-pk-ses-purpose = Agrupar las páginas vistas durante una misma visita.

cookie-ve-audience-service = Contador de visitas anónimo
cookie-ve-audience-purpose = Contar cada visita una sola vez, sin identificador ni seguimiento.

## Propias

cookie-ve-avis-service = Encuesta "¿Le ha sido útil esta página?"
cookie-ve-avis-purpose = No volver a preguntarle en una página donde ya ha respondido.

cookie-ve-suggestions-service = Sugerencias de conjuntos de datos
cookie-ve-suggestions-purpose = Recordar los conjuntos de datos abiertos para proponerle otros parecidos.

## De terceros

cookie-et-visitor-service = Vídeos integrados
cookie-et-visitor-purpose = Identificar su navegador ante la plataforma de vídeo y contar las reproducciones.

cookie-et-player-service = Reproductor de vídeo
cookie-et-player-purpose = Mantener el volumen, la calidad y los subtítulos elegidos.

cookie-em-session-service = Mapas interactivos
cookie-em-session-purpose = Cargar los fondos de mapa y mantener la posición del mapa.

cookie-xs-share-service = Botón de compartir
cookie-xs-share-purpose = Contar las veces que se comparte y reconocer su cuenta en esa red si ha iniciado sesión.
