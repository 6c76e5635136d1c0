#!/usr/bin/env python3
"""Writes fixtures/languages.jsonl and fixtures/languages.expected.json.

Single pages of invented news sites in German, French, Spanish, Italian and Portuguese, the
way a naive scraper saves them: one block per line, the article between the site's menus,
banners, share bars, related lists, comment sections and footers. Each site has one page,
so no cross-page statistics can help: only the in-page rules and the classifier do. Every
town, person and event is fictional.

Each line is tagged: `K` article text that must be kept (headline, standfirst, paragraphs,
subheadings, one-line quotes and answers, list items), `S` clutter that must be stripped,
`E` either way (a caption some extractors keep). The expected file has the layout of
fixtures/expected.json: no clusters, and per page id the K lines as `must_keep` and the S
lines of 4+ characters that do not occur inside the page's article text as `must_strip`.

usage: tools/make_language_fixtures.py   (run from the repository root)
"""
import json

PAGES = [
    ("de/rathaus-solar", "stadtanzeiger-wiesental.de", "de", """
S Zum Inhalt springen
S Stadtanzeiger Wiesental
S Startseite
S Lokales
S Politik
S Wirtschaft
S Sport
S Kultur
S Service
S Abo
S Anmelden
S Wir verwenden Cookies, um Ihnen ein optimales Nutzererlebnis zu bieten. Mit einem Klick auf „Alle akzeptieren“ stimmen Sie der Verwendung zu.
S Alle akzeptieren
S Einstellungen
S Sie sind hier: Startseite > Lokales > Wiesental
K Solaranlage auf dem Rathausdach: Gemeinderat gibt grünes Licht
K Nach monatelanger Debatte soll das Rathaus in Brunnfeld ab Herbst einen Teil seines Stroms selbst erzeugen.
S Von Markus Heilmann
S Aktualisiert am 04.06.2025, 16:47 Uhr
S Lesezeit: 4 Min.
E Das Rathaus in Brunnfeld soll bis Jahresende eine Photovoltaikanlage bekommen. Foto: Stadtanzeiger/Archiv
K Der Gemeinderat von Brunnfeld hat am Dienstagabend mit 19 zu 4 Stimmen beschlossen, auf dem Dach des Rathauses eine Photovoltaikanlage zu errichten. Die Anlage soll rund 120 Kilowatt leisten und etwa ein Drittel des Strombedarfs im Gebäude decken.
K Die Kosten von knapp 180.000 Euro werden zum Teil aus einem Förderprogramm des Landes getragen. Den Rest will die Gemeinde über einen Kredit finanzieren, der nach Berechnungen der Verwaltung in zwölf Jahren abbezahlt wäre.
S Lesen Sie auch: Neue Ladesäulen am Bahnhof – wann sie endlich in Betrieb gehen
K Streit um den Denkmalschutz
K Umstritten war bis zuletzt, ob die Module auf dem denkmalgeschützten Dach überhaupt erlaubt sind. Die zuständige Behörde hatte zunächst Bedenken angemeldet, stimmte dann aber einer Lösung zu, bei der die Platten von der Straße aus nicht zu sehen sind.
K „Wir zeigen, dass Klimaschutz und Denkmalschutz kein Widerspruch sein müssen“, sagte Bürgermeisterin Sabine Roth nach der Sitzung.
K Die Fraktion der Freien Wähler stimmte gegen das Vorhaben. Ihr Sprecher Jürgen Maier kritisierte, dass die Gemeinde in Zeiten knapper Kassen neue Schulden mache.
K Warum jetzt?
K Die Verwaltung verweist auf gestiegene Strompreise. Allein im vergangenen Jahr habe das Rathaus fast 40.000 Euro für Energie ausgegeben, doppelt so viel wie noch vor drei Jahren.
S Anzeige
K Die Arbeiten sollen im September beginnen. Während der Bauzeit bleibt das Bürgerbüro geöffnet.
S Artikel teilen
S Facebook
S X
S WhatsApp
S E-Mail
S Drucken
S Mehr zum Thema
S Windpark am Hochberg: Bürger sammeln Unterschriften
S Vor 3 Stunden
S Freibad öffnet eine Woche früher
S Gestern, 18:20 Uhr
S Kreistag streitet über Busfahrplan
S 02.06.2025
S Kommentare (12)
S Jetzt kommentieren
S Klaus_B. vor 2 Stunden
S Endlich mal eine vernünftige Entscheidung. Warum hat das so lange gedauert?
S Antworten
S Melden
S Newsletter: Die wichtigsten Nachrichten aus dem Wiesental jeden Morgen in Ihr Postfach.
S Jetzt anmelden
S Impressum
S Datenschutz
S AGB
S Kontakt
S © Stadtanzeiger Wiesental 2025
"""),
    ("de/zugausfall", "rheintal-kurier.de", "de", """
S Menü
S Suche
S Rheintal-Kurier
S Region
S Deutschland & Welt
S Sport
S Ratgeber
S E-Paper
S Region / Verkehr
K Bahnstrecke nach Oberhagen wochenlang gesperrt
S 12.03.2025 | Stand: 14:05 Uhr
S Von Lena Vogt
K Pendler zwischen Rheinstett und Oberhagen müssen sich auf lange Umwege einstellen. Wegen Bauarbeiten an einer Brücke fallen ab Montag sämtliche Züge auf der Strecke aus, wie die Bahn am Mittwoch mitteilte.
K Bis Ende April sollen Busse die Züge ersetzen. Die Fahrt dauert damit nach Angaben des Unternehmens etwa zwanzig Minuten länger als sonst.
S Bild: Ersatzbusse am Bahnhof Rheinstett. (Foto: Thomas Berger)
K Fahrgastverband übt Kritik
K Der Fahrgastverband nannte die Ankündigung „viel zu kurzfristig“. Viele Berufstätige hätten keine Chance, ihren Alltag rechtzeitig umzustellen, sagte Vorsitzender Peter Lindner.
K Die Bahn hält dagegen, die Arbeiten seien seit Monaten bekannt gewesen und auf der Internetseite angekündigt worden.
K Was Fahrgäste jetzt wissen müssen:
K Die Ersatzbusse fahren im Halbstundentakt, in den Abendstunden stündlich.
K Fahrräder werden in den Bussen nicht mitgenommen.
K Zeitkarten behalten ihre Gültigkeit.
S (dpa/lvo)
S Zur Startseite
S Das könnte Sie auch interessieren
S Neue Radwege: Stadt legt Plan vor
S Stau auf der A5 nach Unfall
S Mehr aus der Region
S Wetter
S Verkehr
S Polizeibericht
S Hilfe
S Feedback
S Nach oben
"""),
    ("fr/marche-couvert", "le-courrier-des-vallees.fr", "fr", """
S Aller au contenu principal
S Le Courrier des Vallées
S Accueil
S Actualités
S Politique
S Économie
S Sports
S Culture
S Se connecter
S S'abonner
S Nous utilisons des cookies pour améliorer votre expérience de navigation. En poursuivant, vous acceptez leur utilisation.
S Tout accepter
S Personnaliser
S Accueil › Actualités › Saint-Aurel
K Saint-Aurel : le marché couvert rouvrira ses portes au printemps
K Fermée depuis un incendie en 2023, la halle du centre-ville a été entièrement rénovée. Les commerçants attendent ce retour avec impatience.
S Par Camille Fournier
S Publié le 18/02/2025 à 07h15 · Mis à jour le 18/02/2025 à 11h40
S Lecture 3 min.
S La halle de Saint-Aurel, ici en travaux en janvier. © Photo Le Courrier des Vallées
K Après presque deux ans de travaux, le marché couvert de Saint-Aurel rouvrira le 5 avril. La municipalité l'a annoncé lundi soir lors du conseil municipal, en présentant le bilan d'un chantier qui aura coûté 2,3 millions d'euros.
K La charpente, détruite par le feu, a été reconstruite à l'identique. Une nouvelle verrière laisse désormais entrer la lumière au centre du bâtiment.
S À lire aussi : Le parking de la gare bientôt payant ?
K Vingt-quatre étals
K Vingt-quatre commerçants occuperont les étals, dont six nouveaux venus. Parmi eux, une fromagerie, un torréfacteur et un caviste.
K « On a vraiment hâte de retrouver nos clients », confie Martine Giraud, maraîchère depuis trente ans sur le marché.
K Oui.
K C'est ce qu'a répondu le maire, Olivier Lambert, quand on lui a demandé si les tarifs des emplacements resteraient inchangés.
S Publicité
K L'inauguration aura lieu le samedi 5 avril à 10 heures, avec une animation musicale sur la place.
S Partager sur Facebook
S Partager sur X
S Envoyer par e-mail
S Copier le lien
S Sur le même sujet
S Le festival de jazz dévoile sa programmation
S Il y a 2 heures
S Travaux sur la départementale : la déviation prolongée
S Hier à 17h30
S Commentaires (3)
S Réagir à cet article
S Recevez chaque matin l'essentiel de l'actualité : inscrivez-vous à notre newsletter.
S Mentions légales
S Politique de confidentialité
S Gestion des cookies
S Contact
S © 2025 Le Courrier des Vallées
"""),
    ("es/incendio-forestal", "diario-de-la-sierra.es", "es", """
S Ir al contenido
S Diario de la Sierra
S Portada
S Provincia
S España
S Deportes
S Opinión
S Hemeroteca
S Suscríbete
S Iniciar sesión
S Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso.
S Aceptar
S Más información
S Provincia
K Controlado el incendio forestal de Valdeolmos tras tres días de trabajo
K Las llamas han arrasado unas 400 hectáreas de pinar y obligaron a desalojar dos urbanizaciones
S Por Javier Ortega
S Valdeolmos - 22 jul 2025 - 09:12 CEST
S Actualizado: 22/07/2025 13:50
S Un helicóptero descarga agua sobre el monte de Valdeolmos. (Foto: Diario de la Sierra)
K Los bomberos dieron por controlado en la madrugada del martes el incendio que se declaró el sábado en el monte de Valdeolmos. Según los primeros cálculos, el fuego ha afectado a unas 400 hectáreas, la mayor parte de pinar.
K Cerca de 300 vecinos de las urbanizaciones Los Almendros y El Mirador pasaron dos noches fuera de sus casas. Todos han podido regresar este martes por la mañana.
S Te puede interesar: Las piscinas municipales amplían su horario por el calor
K Un trabajo muy duro
K En las tareas de extinción participaron más de 150 efectivos, siete medios aéreos y varias brigadas llegadas de provincias vecinas.
K "Ha sido un trabajo muy duro, con temperaturas de más de 40 grados y un viento que cambiaba de dirección cada hora", explicó el jefe de bomberos, Andrés Molina.
K La Guardia Civil investiga las causas del fuego. De momento no descarta ninguna hipótesis.
S Publicidad
K El Ayuntamiento ha pedido a los vecinos que no se acerquen a la zona quemada mientras continúan los trabajos de vigilancia.
S Compartir en Facebook
S Compartir en X
S Compartir en WhatsApp
S Enviar por correo
S Noticias relacionadas
S El embalse de San Román, al 30 % de su capacidad
S Hace 5 horas
S La feria de agosto ya tiene cartel
S Ayer
S Comentarios
S Para comentar es necesario estar registrado.
S Aviso legal
S Política de privacidad
S Política de cookies
S © 2025 Diario de la Sierra. Todos los derechos reservados.
"""),
    ("it/ponte-chiuso", "gazzetta-del-lago.it", "it", """
S Vai al contenuto
S Gazzetta del Lago
S Home
S Cronaca
S Politica
S Economia
S Sport
S Cultura
S Abbonati
S Accedi
S Questo sito utilizza cookie tecnici e di terzi. Proseguendo nella navigazione accetti l'utilizzo dei cookie.
S Accetta
S Rifiuta
S Home > Cronaca > Valmorena
K Valmorena, chiuso il ponte sul torrente: crepe nei piloni
K Il sindaco firma l'ordinanza dopo il sopralluogo dei tecnici. Traffico deviato sulla provinciale
S di Francesca Rinaldi
S 14 novembre 2025, 08:30
S Tempo di lettura: 2 minuti
K Il ponte sul torrente Morena, che collega il centro di Valmorena alla frazione di San Vito, è chiuso da ieri sera al traffico. La decisione è arrivata dopo che i tecnici della provincia hanno trovato crepe profonde in due piloni.
K Il sindaco Roberto Colombo ha firmato un'ordinanza di chiusura valida fino a nuovo avviso. Pedoni e ciclisti possono ancora attraversare, ma solo su un lato della carreggiata.
S Leggi anche: Scuole, al via i lavori per la nuova mensa
K Disagi per i pendolari
K Per chi viaggia in auto la deviazione sulla strada provinciale allunga il percorso di circa sei chilometri. Anche l'autobus per San Vito dovrà cambiare itinerario.
K «Non potevamo correre rischi, la sicurezza dei cittadini viene prima di tutto», ha detto il sindaco.
K I lavori di consolidamento dovrebbero costare circa 900mila euro. Il Comune ha già chiesto un contributo alla Regione.
S Pubblicità
S Condividi su Facebook
S Condividi su X
S Invia per email
S Potrebbe interessarti anche
S Alluvione, la conta dei danni nei comuni del lago
S 2 ore fa
S Sagra della castagna, boom di visitatori
S Ieri
S Commenti
S Iscriviti alla newsletter per ricevere ogni mattina le notizie del lago.
S Chi siamo
S Privacy
S Cookie policy
S Contatti
S © 2025 Gazzetta del Lago - P.IVA 01234567890
"""),
    ("pt/escola-nova", "jornal-do-vale.pt", "pt", """
S Saltar para o conteúdo
S Jornal do Vale
S Início
S Local
S País
S Mundo
S Desporto
S Opinião
S Assinar
S Entrar
S Este site utiliza cookies para melhorar a sua experiência. Ao continuar a navegar, está a aceitar a sua utilização.
S Aceitar
S Saber mais
S Local
K Nova escola de Vila Serena abre em setembro com 400 alunos
K O edifício custou 6,5 milhões de euros e substitui duas escolas antigas do concelho
S Por Ana Ribeiro
S 03 Jun 2025 às 10:22
S Leitura: 3 min
K A nova escola básica de Vila Serena vai abrir as portas no início do próximo ano letivo, em setembro. O edifício, construído junto ao parque da cidade, vai receber cerca de 400 alunos do primeiro ao nono ano.
K A obra custou 6,5 milhões de euros, financiados em parte por fundos europeus. A escola substitui dois edifícios antigos que, segundo a câmara municipal, já não tinham condições.
S Leia também: Câmara aprova orçamento para 2026
K Pais satisfeitos, mas com dúvidas
K A associação de pais aplaude a nova escola, mas quer saber como vão funcionar os transportes. Muitos alunos vivem em aldeias a mais de dez quilómetros.
K "Precisamos de garantias de que haverá autocarros a horas", disse a presidente da associação, Teresa Lopes.
K O vereador da educação, Rui Fernandes, garantiu que o plano de transportes será apresentado em julho.
S Publicidade
S Partilhar no Facebook
S Partilhar no X
S Enviar por e-mail
S Notícias relacionadas
S Feira do livro regressa ao centro histórico
S Há 3 horas
S Obras na estrada nacional até ao fim do mês
S Ontem
S Comentários
S Termos e condições
S Política de privacidade
S Contactos
S © 2025 Jornal do Vale. Todos os direitos reservados.
"""),
    ("de/hochwasser", "nordkurier-online.de", "de", """
S Nordkurier Online
S Nachrichten
S Region
S Polizei
S Sport
S Leben
S Mehr
S Login
S Abonnieren
S Sie befinden sich hier:
S Region
S Unwetter
K Hochwasser an der Ilse: Feuerwehr evakuiert Campingplatz
S Mittwoch, 09. Juli 2025 – 19:42 Uhr
S Quelle: dpa
K Nach tagelangem Regen ist die Ilse bei Kaltenborn über die Ufer getreten. Die Feuerwehr brachte am Nachmittag rund 60 Urlauber von einem Campingplatz in Sicherheit, wie ein Sprecher des Landkreises sagte.
K Verletzt wurde nach ersten Erkenntnissen niemand. Mehrere Wohnwagen wurden jedoch von den Wassermassen mitgerissen.
S Foto: dpa/Jens Büttner
E Feuerwehrleute sichern am Ufer der Ilse einen Wohnwagen.
K Der Deutsche Wetterdienst warnt für die Nacht vor weiteren Starkregenfällen. Bis Donnerstagmorgen könnten noch einmal bis zu 40 Liter pro Quadratmeter fallen.
S ANZEIGE
K Straßen gesperrt
K Die Landstraße zwischen Kaltenborn und Wiesenau bleibt bis auf Weiteres gesperrt. Auch der Busverkehr ist eingeschränkt.
K Der Landrat hat für den Abend einen Krisenstab einberufen.
S Themen:
S Unwetter
S Feuerwehr
S Kaltenborn
S Weitere Meldungen
S Kreisstraße nach Unfall stundenlang gesperrt
S Vor 45 Minuten
S Stadtfest: Das ist am Wochenende geplant
S Vor 2 Stunden
S Bildergalerie: So sah es nach dem Sturm aus
S 08.07.2025
S Nach oben
S Impressum | Datenschutz | Cookie-Einstellungen | Kontakt
"""),
    ("fr/greve-bus", "ouest-matin.fr", "fr", """
S Menu
S Rechercher
S Ouest Matin
S Mon compte
S S'abonner à partir de 1 €
S Faits divers
S Transports
K Grève des bus à Pontrieux : le trafic fortement perturbé jeudi
S Par la rédaction
S Le 06/11/2025 à 18h02
S Modifié le 06/11/2025 à 19h10
K Les usagers du réseau de bus de Pontrieux devront s'armer de patience jeudi. À l'appel de deux syndicats, une partie des conducteurs cessera le travail pour protester contre les nouveaux horaires.
K Selon la direction du réseau, seule une ligne sur trois circulera entre 7 heures et 19 heures. Le service de transport scolaire sera assuré normalement.
S Abonnez-vous pour lire la suite sans publicité
K « Nous demandons simplement à être écoutés », explique un conducteur, qui souhaite rester anonyme.
K Une réunion est prévue
K Une rencontre entre la direction et les représentants du personnel doit avoir lieu lundi prochain. D'ici là, le mouvement pourrait être reconduit.
K Les horaires détaillés sont disponibles sur le site internet du réseau.
S Cet article vous a été utile ?
S Oui
S Non
S Vous aimerez aussi
S Le nouveau pont de Lannion ouvrira en décembre
S Marché de Noël : les dates sont connues
S Les plus lus
S 1. Un incendie détruit un entrepôt près de la gare
S 2. Météo : un week-end pluvieux en perspective
S 3. Football : le club local en tête du classement
S Newsletter
S Recevez l'essentiel de l'actualité chaque matin
S Je m'inscris
S Ouest Matin © 2025 – Tous droits réservés
"""),
    ("es/biblioteca", "el-correo-del-valle.es", "es", """
S El Correo del Valle
S Menú
S Buscar
S Local
S Comarca
S Cultura
S Deportes
S Última hora
S Cultura
K La biblioteca municipal de Torrenueva amplía su horario en verano
K Abrirá también por las tardes durante julio y agosto para atender la demanda de estudiantes
S Redacción
S 01/07/2025 - 12:45
S Escuchar noticia
S 2 min
K La biblioteca municipal de Torrenueva abrirá sus puertas de lunes a sábado por la tarde durante los meses de julio y agosto. Hasta ahora, el centro solo abría por las mañanas en verano.
K La concejala de Cultura, Elena Ruiz, explicó que la medida responde a las peticiones de numerosos estudiantes que preparan exámenes y oposiciones.
S LEER MÁS
S El Ayuntamiento licita las obras del nuevo polideportivo
K ¿Cuánto costará?
K El coste de la ampliación será de unos 12.000 euros, destinados sobre todo a contratar a dos personas más.
K "Queremos que la biblioteca sea un lugar vivo todo el año", señaló Ruiz.
S Etiquetas
S Torrenueva
S Cultura
S Bibliotecas
S Comentarios (2)
S Lucía M. · 01/07/2025 14:10
S Por fin, ya era hora.
S Pedro G. · 01/07/2025 15:32
S ¿Y los domingos?
S Más noticias de Local
S Vuelve el mercado medieval a la plaza mayor
S Cortes de agua en el barrio norte el martes
S Quiénes somos
S Contacto
S Publicidad
S Aviso legal
"""),
    ("it/museo", "corriere-della-valle.it", "it", """
S Corriere della Valle
S Edizione
S Cronaca
S Politica
S Cultura
S Sport
S Meteo
S Cerca
S Accedi
S Cultura & Spettacoli
K Riapre il museo civico di Borgoalto dopo due anni di lavori
K Nuove sale, un ascensore e un percorso per i bambini. Ingresso gratuito per il primo fine settimana
S Redazione
S 23 aprile 2025
S Ultimo aggiornamento: 23 aprile 2025 alle 17:05
S Ascolta l'articolo
K Il museo civico di Borgoalto riapre sabato dopo due anni di chiusura. I lavori, costati 1,8 milioni di euro, hanno permesso di rendere accessibili tutte le sale e di recuperare il salone affrescato al secondo piano.
K «Finalmente restituiamo il museo alla città», ha detto l'assessora alla cultura Giulia Ferri durante la presentazione.
S Foto di Marco Bassi
K Le novità
K La collezione è stata riordinata in ordine cronologico. Una sala è dedicata ai reperti romani trovati durante gli scavi del 2019.
K Per i più piccoli c'è un percorso con giochi e schede da colorare.
S Sostieni il giornalismo locale: abbonati al Corriere della Valle
K Il primo fine settimana l'ingresso sarà gratuito. Poi il biglietto costerà 6 euro, ridotto a 3 per studenti e anziani.
S Argomenti
S Borgoalto
S Musei
S I più letti
S Incidente sulla statale, un ferito grave
S Scuola, iscrizioni in calo nei comuni di montagna
S © Riproduzione riservata
S Corriere della Valle S.r.l. - Tutti i diritti riservati
"""),
]


def main():
    docs = []
    expected = {"clusters": [], "must_not_cluster": [], "must_strip": {}, "must_keep": {}}
    for doc_id, site, lang, body in PAGES:
        lines = [(l[0], l[2:]) for l in body.strip().split("\n")]
        assert all(tag in "KSE" for tag, _ in lines), doc_id
        docs.append({"id": doc_id, "site": site, "lang": lang,
                     "text": "\n".join(text for _, text in lines)})
        article = "\n".join(t for tag, t in lines if tag == "K")
        expected["must_keep"][doc_id] = [t for tag, t in lines if tag == "K"]
        expected["must_strip"][doc_id] = [
            t for tag, t in lines if tag == "S" and len(t) >= 4 and t not in article
        ]
    with open("fixtures/languages.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open("fixtures/languages.expected.json", "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
